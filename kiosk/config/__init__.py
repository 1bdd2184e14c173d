"""Configuration: the schema, camera-step settings (``capture``), where files live (``paths``)."""
