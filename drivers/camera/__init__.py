"""Cameras: OpenCV capture on its own thread and a simulated camera.

Drivers: ``camera-opencv`` (:class:`~drivers.camera.opencv_camera.OpenCvCamera`:
device index, device path or stream URL) and ``camera-sim``
(:class:`~drivers.camera.on_simulator.SimulatedCamera`: synthetic scenes with motion).
"""
