<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DeviceText</name>
    <message>
        <location filename="../device_text.py" line="15" />
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="16" />
        <source>摄像头</source>
        <translation>camera</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="17" />
        <source>扫码器</source>
        <translation>code scanner</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="18" />
        <source>凭条打印机</source>
        <translation>receipt printer</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="19" />
        <source>指纹仪</source>
        <translation>fingerprint reader</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="20" />
        <source>支付服务</source>
        <translation>payment service</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="27" />
        <source>缺纸</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="28" />
        <source>舱盖未关</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="29" />
        <source>暂时离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="30" />
        <source>故障</source>
        <translation>out of order</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="31" />
        <source>未启动</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="33" />
        <source>暂不可用</source>
        <translation>unavailable</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="39" />
        <source>%1%2</source>
        <comment>device name, then its problem</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="44" />
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../device_text.py" line="45" />
        <source>暂停办理：%1</source>
        <translation>Unavailable: %1</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="49" />
        <source>本机暂未开通此事项</source>
        <translation>Not offered at this kiosk</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../pages/home.py" line="86" />
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="87" />
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="89" />
        <source>第 %1 页，共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="118" />
        <source>请选择要办理的事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="119" />
        <source>点击下方事项开始办理。字太小？请点右上角“长辈版”。</source>
        <translation>Tap a service below to begin. Text too small? Tap 'Large type' at the top right.</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="121" />
        <source>部门：</source>
        <translation>Department: </translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <location filename="../widgets/idle_prompt.py" line="59" />
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../widgets/idle_prompt.py" line="60" />
        <source>倒计时结束后将退出办理并清除您的信息。</source>
        <translation>When the countdown ends, this visit closes and your information is erased.</translation>
    </message>
    <message>
        <location filename="../widgets/idle_prompt.py" line="61" />
        <source>需要，继续办理</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <location filename="../widgets/idle_prompt.py" line="62" />
        <source>结束办理</source>
        <translation>End my visit</translation>
    </message>
</context>
<context>
    <name>ServiceDetailPage</name>
    <message>
        <location filename="../pages/service_detail.py" line="52" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="58" />
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="58" />
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="59" />
        <source>收费：%1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="60" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="61" />
        <source>所需材料：%1</source>
        <translation>What to bring: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="62" />
        <source>办理时限：%1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="63" />
        <source>办理时间：%1</source>
        <translation>Hours: %1</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../widgets/top_bar.py" line="46" />
        <source>长辈版</source>
        <translation>Large type</translation>
    </message>
</context>
</TS>