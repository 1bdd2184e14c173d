<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CameraText</name>
    <message>
        <location filename="../steps/camera.py" line="21"/>
        <source>请正对镜头，把脸放在框内</source>
        <translation>Face the camera and keep your face in the frame</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="22"/>
        <source>请只留一人在镜头前</source>
        <translation>Only one person in front of the camera, please</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="23"/>
        <source>请靠近一点</source>
        <translation>Come a little closer</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="24"/>
        <source>请离远一点</source>
        <translation>Move back a little</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="25"/>
        <source>请向左移一点</source>
        <translation>Move a little to the left</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="26"/>
        <source>请向右移一点</source>
        <translation>Move a little to the right</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="27"/>
        <source>请稍微抬高一点</source>
        <translation>Raise yourself a little</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="28"/>
        <source>请稍微放低一点</source>
        <translation>Lower yourself a little</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="29"/>
        <source>请正对镜头，不要侧脸</source>
        <translation>Look straight at the camera</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="30"/>
        <source>请稍微低一点头</source>
        <translation>Lower your chin a little</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="31"/>
        <source>请稍微抬一点头</source>
        <translation>Raise your chin a little</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="32"/>
        <source>请把头摆正</source>
        <translation>Keep your head straight</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="33"/>
        <source>请睁开眼睛</source>
        <translation>Please open your eyes</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="34"/>
        <source>脸部太暗，请正对灯光</source>
        <translation>Your face is too dark; face the light</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="35"/>
        <source>脸部太亮，请稍微后退</source>
        <translation>Too much light on your face; step back a little</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="36"/>
        <source>脸部光线不均匀，请正对屏幕</source>
        <translation>Uneven light on your face; face the screen</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="37"/>
        <source>背景不够干净，请站到浅色背景前</source>
        <translation>Background is not plain; stand in front of the light backdrop</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="40"/>
        <source>背景太暗，请站到浅色背景前</source>
        <translation>Background is too dark; stand in front of the light backdrop</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="43"/>
        <source>请保持不动</source>
        <translation>Please hold still</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="44"/>
        <source>动作检测超时，请重试</source>
        <translation>Time is up; please try again</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="45"/>
        <source>请保持脸在框内</source>
        <translation>Keep your face in the frame</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="46"/>
        <source>检测到换人，请重试</source>
        <translation>A different face appeared; please try again</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="47"/>
        <source>动作与提示不一致，请重试，并按屏幕提示做</source>
        <translation>That was not the movement asked for. Please try again and follow the screen</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="51"/>
        <source>请正对镜头</source>
        <translation>Face the camera</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="58"/>
        <source>请眨一眨眼睛</source>
        <translation>Please blink</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="59"/>
        <source>请慢慢向左转头</source>
        <translation>Slowly turn your head to the left</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="60"/>
        <source>请慢慢向右转头</source>
        <translation>Slowly turn your head to the right</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="61"/>
        <source>请慢慢抬头向上看</source>
        <translation>Slowly raise your head and look up</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="64"/>
        <source>请看着屏幕，保持不动</source>
        <translation>Look at the screen and hold still</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="114"/>
        <source>正在打开摄像头……</source>
        <extracomment>The tallest the picture of where the camera is gets, beside the preview.</extracomment>
        <translation>Starting the camera…</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="116"/>
        <source>摄像头画面已关闭</source>
        <translation>The camera view is off</translation>
    </message>
</context>
<context>
    <name>CertificateFetchPage</name>
    <message>
        <location filename="../steps/certificate.py" line="88"/>
        <location filename="../steps/certificate.py" line="116"/>
        <source>获取证明</source>
        <translation>Get the certificate</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="92"/>
        <source>最近12个月</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="93"/>
        <source>上一年度</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="94"/>
        <source>本年度至今</source>
        <translation>This year so far</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="108"/>
        <source>正在从平台获取您的证明，请稍候……</source>
        <translation>Getting your certificate from the platform, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="110"/>
        <source>请选择证明的期间，然后点“获取证明”</source>
        <translation>Choose the period, then press “Get the certificate”</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="112"/>
        <source>获取证明没有成功</source>
        <translation>The certificate could not be fetched</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="116"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>CertificatePreviewPage</name>
    <message>
        <location filename="../steps/certificate.py" line="149"/>
        <source>预览证明</source>
        <translation>Check the certificate</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="152"/>
        <source>这是将要打印的证明，请核对。证明上的印章和验证码由平台出具，打印件可凭验证码核验。</source>
        <translation>This is the certificate that will be printed; please check it. The seal and the verification code come from the platform; anyone can verify the printout with the code.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="155"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="166"/>
        <source>证明编号：%1</source>
        <translation>Certificate no. %1</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="171"/>
        <source>没有可打印的证明</source>
        <translation>No certificate to print</translation>
    </message>
</context>
<context>
    <name>CertificatePrintPage</name>
    <message>
        <location filename="../steps/certificate.py" line="219"/>
        <source>打印证明</source>
        <translation>Print the certificate</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="220"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="221"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="227"/>
        <source>打印机缺纸，</source>
        <translation>The printer is out of paper: </translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="229"/>
        <source>本机A4打印机暂不可用，</source>
        <translation>The A4 printer is not available: </translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="231"/>
        <source>打印机出现故障，</source>
        <translation>The printer has a fault: </translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="233"/>
        <source>证明可能没有打印完整，请不要使用不完整的打印件。</source>
        <translation>the certificate may be incomplete; please do not use a partial printout.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="234"/>
        <source>证明没有打印出来。</source>
        <translation>the certificate was not printed.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="243"/>
        <source>正在打印证明，请稍候……</source>
        <translation>Printing your certificate, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="246"/>
        <source>打印完成，请从A4出纸口取走您的证明</source>
        <translation>Printed. Please take your certificate from the A4 tray</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="247"/>
        <source>证明可凭页面上的验证码核验真伪。</source>
        <translation>The certificate can be verified with the code on the page.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="251"/>
        <source>请联系工作人员处理，打印机恢复后点“重新打印”。</source>
        <translation>Please ask staff for help; once the printer is back, press “Print again”.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="253"/>
        <source>打印机已恢复，请点“重新打印”。</source>
        <translation>The printer is back; please press “Print again”.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="256"/>
        <source>本服务免费，没有产生任何费用。</source>
        <translation>This service is free: you have not been charged anything.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="262"/>
        <source>请等打印机恢复</source>
        <translation>Wait for the printer to be back</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="268"/>
        <source>请等打印完成</source>
        <translation>Please wait for the printing to finish</translation>
    </message>
</context>
<context>
    <name>CertificateText</name>
    <message>
        <location filename="../steps/certificate.py" line="29"/>
        <source>平台上没有查到您的相关记录，请到窗口或拨打咨询电话核实。</source>
        <translation>The platform has no record for you. Please ask at a counter or call the help line.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="32"/>
        <source>该期间暂时无法开具证明，请换一个期间再试。</source>
        <translation>A certificate for this period cannot be issued now. Please choose another period.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="35"/>
        <source>暂时无法从平台获取证明，请稍后点“重试”或联系工作人员。</source>
        <translation>The certificate cannot be fetched from the platform right now. Press “Retry” later or ask staff.</translation>
    </message>
    <message>
        <location filename="../steps/certificate.py" line="38"/>
        <source>本机暂不能开具此证明，请联系工作人员。</source>
        <translation>This kiosk cannot issue this certificate yet. Please ask staff.</translation>
    </message>
</context>
<context>
    <name>ChipStrip</name>
    <message>
        <location filename="../widgets/chip_strip.py" line="126"/>
        <source>前面的部门</source>
        <translation>Previous departments</translation>
    </message>
    <message>
        <location filename="../widgets/chip_strip.py" line="127"/>
        <source>更多部门</source>
        <translation>More departments</translation>
    </message>
</context>
<context>
    <name>CollectSlipPage</name>
    <message>
        <location filename="../steps/collection.py" line="46"/>
        <source>扫码取证</source>
        <translation>Collect your ID card</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="47"/>
        <source>请将受理凭条上的二维码对准扫码口</source>
        <translation>Hold the QR code on your slip to the scanner</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="48"/>
        <source>或者用右边的数字键输入凭条上的受理编号：</source>
        <translation>Or key in the application number from your slip:</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="49"/>
        <source>领取</source>
        <translation>Collect</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="56"/>
        <source>正在核对领取信息，请稍候……</source>
        <translation>Checking your card, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="65"/>
        <source>证件申请人：%1</source>
        <translation>Card applicant: %1</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="68"/>
        <source>正在核对……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="70"/>
        <source>请先输入受理编号（至少 8 位）</source>
        <translation>Enter the application number first (8 digits or more)</translation>
    </message>
</context>
<context>
    <name>ComplaintPage</name>
    <message>
        <location filename="../steps/complaint.py" line="192"/>
        <source>4. 补充说明（选填），可用拼音输入汉字</source>
        <translation>4. More details (optional); type Chinese in pinyin</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="194"/>
        <source>3. 联系电话（选填），请用右边的数字键输入</source>
        <translation>3. Phone number (optional); use the keys on the right</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="196"/>
        <source>反映问题</source>
        <translation>Tell us about a problem</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="197"/>
        <source>1. 请选择类别：</source>
        <translation>1. Choose a category:</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="198"/>
        <source>2. 请选择原因（可多选）：</source>
        <translation>2. Choose the reasons (one or more):</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="199"/>
        <source>3. 联系电话（选填，方便我们回复您）：</source>
        <translation>3. Phone number (optional, so we can reply):</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="200"/>
        <source>4. 补充说明（选填）：</source>
        <translation>4. More details (optional):</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="201"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="202"/>
        <source>输好了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="236"/>
        <source>点这里输入号码</source>
        <translation>Tap here to enter a number</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="237"/>
        <source>请输入11位手机号码</source>
        <translation>Please enter an 11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="238"/>
        <source>手机号码是11位</source>
        <translation>A mobile number has 11 digits</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="242"/>
        <source>请先选择类别</source>
        <translation>Choose a category first</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="244"/>
        <source>请至少选择一个原因</source>
        <translation>Choose at least one reason</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="246"/>
        <source>手机号码不完整</source>
        <translation>The phone number is incomplete</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="248"/>
        <source>正在提交……</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="257"/>
        <source>%1/%2 字</source>
        <translation>%1/%2 characters</translation>
    </message>
    <message>
        <location filename="../steps/complaint.py" line="266"/>
        <source>点这里输入文字</source>
        <translation>Tap here to type</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../steps/identity.py" line="143"/>
        <source>请核对信息</source>
        <translation>Please check</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="144"/>
        <source>办理事项</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="145"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="146"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="147"/>
        <source>短信通知号码</source>
        <translation>Mobile for the text</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="148"/>
        <source>费用</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="149"/>
        <source>为保护您的隐私，身份证号码中间几位已隐藏。</source>
        <translation>To protect your privacy, the middle of your ID number is hidden.</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="150"/>
        <source>确认无误，下一步</source>
        <translation>Correct, continue</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="162"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="162"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../maintenance/console.py" line="99"/>
        <source>正在检查所有设备，检查通过后恢复服务…</source>
        <translation>Checking every device; service resumes once the checks pass…</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="104"/>
        <source>维护模式</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="105"/>
        <source>技术员 %1</source>
        <translation>Technician %1</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="106"/>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="107"/>
        <source>结束维护</source>
        <translation>End maintenance</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="110"/>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="111"/>
        <source>交易队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="112"/>
        <source>缴费</source>
        <translation>Payments</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="113"/>
        <source>耗材与服务</source>
        <translation>Supplies and service</translation>
    </message>
    <message>
        <location filename="../maintenance/console.py" line="114"/>
        <source>证件装载</source>
        <translation>Card loading</translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <location filename="../maintenance/page_base.py" line="32"/>
        <source>请稍候…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location filename="../maintenance/page_base.py" line="39"/>
        <source>维护已结束。</source>
        <translation>Maintenance has ended.</translation>
    </message>
    <message>
        <location filename="../maintenance/page_base.py" line="42"/>
        <source>未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
</context>
<context>
    <name>DeviceRow</name>
    <message>
        <location filename="../maintenance/devices_page.py" line="61"/>
        <source>状态：%1 · 代码 %2 · 需处理：%3</source>
        <translation>State: %1 · code %2 · to act: %3</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="69"/>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="70"/>
        <source>序列号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="71"/>
        <source>固件</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="75"/>
        <source>设备未报告型号与序列号</source>
        <translation>The device reports no model or serial</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="77"/>
        <source>内部</source>
        <translation>internal</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="78"/>
        <source>外部</source>
        <translation>external</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="79"/>
        <source>交互</source>
        <translation>interactive</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="86"/>
        <source>尚未检查</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="87"/>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="88"/>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="89"/>
        <source>重新连接</source>
        <translation>Reconnect</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="90"/>
        <source>模拟器故障场景：</source>
        <translation>Simulator fault scenarios:</translation>
    </message>
</context>
<context>
    <name>DeviceText</name>
    <message>
        <location filename="../device_text.py" line="14"/>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="15"/>
        <source>摄像头</source>
        <translation>camera</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="16"/>
        <source>扫码器</source>
        <translation>code scanner</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="17"/>
        <source>凭条打印机</source>
        <translation>receipt printer</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="18"/>
        <source>指纹仪</source>
        <translation>fingerprint reader</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="19"/>
        <source>支付服务</source>
        <translation>payment service</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="20"/>
        <source>证件发放机</source>
        <translation>card dispenser</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="21"/>
        <source>A4打印机</source>
        <translation>A4 printer</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="28"/>
        <source>缺纸</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="29"/>
        <source>舱盖未关</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="30"/>
        <source>暂时离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="31"/>
        <source>故障</source>
        <translation>out of order</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="32"/>
        <source>未启动</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="34"/>
        <source>暂不可用</source>
        <translation>unavailable</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="40"/>
        <source>%1%2</source>
        <comment>device name, then its problem</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="45"/>
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../device_text.py" line="46"/>
        <source>暂停办理：%1</source>
        <translation>Unavailable: %1</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="50"/>
        <source>本机暂未开通此事项</source>
        <translation>Not offered at this kiosk</translation>
    </message>
    <message>
        <location filename="../device_text.py" line="55"/>
        <source>请到人工窗口办理</source>
        <translation>Please use a staffed counter</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../maintenance/devices_page.py" line="121"/>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="136"/>
        <source>检查完成：%1</source>
        <translation>Checked: %1</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="141"/>
        <source>请按设备提示操作（扫码、放卡或按指纹）…</source>
        <translation>Do what the device asks (scan, place a card, place a finger)…</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="145"/>
        <source>通过</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="145"/>
        <source>未通过</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../maintenance/devices_page.py" line="185"/>
        <source>识别到的码：%1</source>
        <translation>Codes found: %1</translation>
    </message>
</context>
<context>
    <name>FaceVerifyPage</name>
    <message>
        <location filename="../steps/camera.py" line="143"/>
        <source>人脸比对</source>
        <translation>Face check</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="144"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="145"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="146"/>
        <source>画面只用于本次核验，办理结束后立即清除。</source>
        <translation>The picture is used only for this check and is deleted when you finish.</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="157"/>
        <source>请保持不动</source>
        <translation>Please hold still</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="158"/>
        <source>请摘下帽子和墨镜。准备好后，请按屏幕提示眨眼、转头或抬头。</source>
        <translation>Please take off your hat and sunglasses. When ready, blink, turn or raise your head as the screen asks.</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="163"/>
        <source>第 %1 个动作，共 %2 个</source>
        <translation>Action %1 of %2</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="170"/>
        <source>正在比对，请稍候……</source>
        <translation>Comparing, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="172"/>
        <source>人脸比对已通过</source>
        <translation>Face check passed</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="184"/>
        <source>比对未通过</source>
        <translation>The faces do not match</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="190"/>
        <source>人脸比对暂停</source>
        <translation>Face check paused</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="192"/>
        <source>准备好后请点“重试”。</source>
        <translation>When you are ready, press “Try again”.</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="193"/>
        <source>请点击右上角“请工作人员协助”，工作人员会来帮您。</source>
        <translation>Press “Call staff” at the top right; a member of staff will come to help you.</translation>
    </message>
</context>
<context>
    <name>FeeRow</name>
    <message>
        <location filename="../maintenance/payments_page.py" line="43"/>
        <source>标记已处理</source>
        <translation>Mark handled</translation>
    </message>
</context>
<context>
    <name>FingerprintPage</name>
    <message>
        <location filename="../steps/devices.py" line="42"/>
        <source>采集指纹</source>
        <translation>Fingerprints</translation>
    </message>
    <message>
        <location filename="../steps/devices.py" line="43"/>
        <source>重新采集</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../steps/devices.py" line="56"/>
        <source>这个手指刚才已经采集过了，请换另一只手的食指</source>
        <translation>That finger was just taken. Please use the index finger of your other hand</translation>
    </message>
    <message>
        <location filename="../steps/devices.py" line="58"/>
        <source>已采集 %1 枚，共 2 枚</source>
        <translation>%1 of 2 taken</translation>
    </message>
</context>
<context>
    <name>FlowHost</name>
    <message>
        <location filename="../flow_host.py" line="142"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <location filename="../flow_host.py" line="161"/>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../flow_host.py" line="178"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../flow_host.py" line="161"/>
        <source>取消办理</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <location filename="../steps/guide.py" line="211"/>
        <source>输入拼音首字母，如 sfz 查身份证</source>
        <extracomment>Topics offered as buttons, so nobody has to type (Chinese, English keyword). Services listed at once; more are paged (one per row, large enough for 长辈版). Longest search text (a service name is shorter).</extracomment>
        <translation>Type the initials, e.g. sfz for 身份证</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="213"/>
        <source>请选择部门</source>
        <translation>Choose a department</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="215"/>
        <source>事项信息查询</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="216"/>
        <source>查找：</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="217"/>
        <source>按部门查找：</source>
        <translation>By department:</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="218"/>
        <source>常见事项：</source>
        <translation>Common topics:</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="219"/>
        <source>返回列表</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="220"/>
        <source>查询完毕</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="227"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="236"/>
        <source>点这里输入，如 sfz</source>
        <translation>Tap to type, e.g. sfz</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="239"/>
        <source>找到 %1 项</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="241"/>
        <source>没有找到相关事项</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="255"/>
        <source>找到 %1 项，请点选查看：</source>
        <translation>%1 found; tap one to see its guide:</translation>
    </message>
    <message>
        <location filename="../steps/guide.py" line="257"/>
        <source>没有找到相关事项，请换一个部门或事项。</source>
        <translation>Nothing found; try another department or topic.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../widgets/help_dialog.py" line="47"/>
        <source>工作日</source>
        <translation>weekdays</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="49"/>
        <source>每天</source>
        <translation>every day</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="58"/>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="63"/>
        <source>已呼叫工作人员</source>
        <translation>Staff called</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="65"/>
        <source>工作人员大约 %1 分钟内到您身边，请在原地稍候。</source>
        <translation>A member of staff will be with you in about %1 minutes. Please wait here.</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="70"/>
        <source>现在没有工作人员值守</source>
        <translation>No staff on site now</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="72"/>
        <source>您的求助已记录，工作人员上班后会跟进。</source>
        <translation>Your request has been recorded; staff will follow it up when they are back.</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="74"/>
        <source>您的求助已通知值班系统。</source>
        <translation>Your request has been passed to the duty system.</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="77"/>
        <source>现在是非工作时间，大厅里没有工作人员（有人值守：%1）。</source>
        <translation>Nobody is in the hall at this hour (staffed %1). </translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="84"/>
        <source>拨打 %1 政务服务便民热线（24小时）</source>
        <translation>Call the %1 government service hotline (24 hours)</translation>
    </message>
    <message>
        <location filename="../widgets/help_dialog.py" line="88"/>
        <source>其他办法：</source>
        <translation>Other ways to get help:</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../pages/home.py" line="170"/>
        <source>请取走读卡区上的身份证</source>
        <extracomment>The department filter&apos;s key for every service. Service ids, the most used first (``KioskCore.visit_counts.order``); asked each time home is shown. None: the catalogue&apos;s order.</extracomment>
        <translation>Please take your ID card from the reader</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="171"/>
        <source>请取走出纸口的凭条</source>
        <translation>Please take your slip from the printer outlet</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="177"/>
        <source>打印机暂时无法打印，请联系工作人员。</source>
        <translation>The printer cannot print right now. Please ask staff.</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="178"/>
        <source>正在重新打印凭条……</source>
        <translation>Printing your slip again…</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="179"/>
        <source>已重新打印，请取走凭条。</source>
        <translation>Printed again. Please take your slip.</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="180"/>
        <source>凭条没有打印出来，请联系工作人员。</source>
        <translation>The slip did not print. Please ask staff.</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="205"/>
        <source>请选择要办理的事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="206"/>
        <source>没拿到凭条？重新打印</source>
        <translation>No slip? Print it again</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="207"/>
        <source>点击下方事项开始办理。字太小？请点右上角“长辈版”。</source>
        <translation>Tap a service below to begin. Text too small? Tap &apos;Large type&apos; at the top right.</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="208"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="208"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../pages/home.py" line="211"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>IdNumberEntryPage</name>
    <message>
        <location filename="../steps/identity.py" line="98"/>
        <source>输入身份证号码</source>
        <translation>Enter your ID number</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="99"/>
        <source>请输入您的18位身份证号码，最后一位是X请按X键。</source>
        <translation>Enter your 18-character ID number; if it ends in X, press X.</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="100"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="108"/>
        <location filename="../steps/identity.py" line="109"/>
        <source>号码有误，请核对后重新输入</source>
        <translation>This number is not valid; please check it</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="113"/>
        <source>还差 %1 位</source>
        <translation>%1 more to go</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="114"/>
        <location filename="../steps/identity.py" line="115"/>
        <source>号码有误，请核对</source>
        <translation>Check the number</translation>
    </message>
</context>
<context>
    <name>IdentifyApplicationPage</name>
    <message>
        <location filename="../steps/progress.py" line="89"/>
        <source>查询办理进度</source>
        <extracomment>The tallest the picture of where to scan the slip gets, in the column of words.</extracomment>
        <translation>Check application progress</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="90"/>
        <source>请将凭条上的二维码对准扫码口</source>
        <translation>Hold the code on your slip to the scanner</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="91"/>
        <source>也可以把身份证放在读卡区，查询您办理的全部业务。</source>
        <translation>Or place your ID card on the reader to see all your applications.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="92"/>
        <source>或者用右边的数字键输入凭条上的受理编号：</source>
        <translation>Or key in the application number from your slip:</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="93"/>
        <source>本机查到您办理的以下业务，请选择要查询的一项：</source>
        <translation>This kiosk has these applications of yours. Choose the one to check:</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="94"/>
        <source>查到您办理的以下业务（最新的在前），请选择要查看的一项：</source>
        <translation>Your applications (newest first); choose one to see its progress:</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="95"/>
        <source>重新读取</source>
        <translation>Read again</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="96"/>
        <source>改为输入受理编号</source>
        <translation>Key in a number instead</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="97"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="123"/>
        <source>请先输入受理编号（至少 8 位）</source>
        <translation>Enter the application number first (8 digits or more)</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="137"/>
        <source>没有查到这张身份证办理的业务。</source>
        <translation>No applications were found for this ID card.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="139"/>
        <source>正在读取身份证，请不要移动……</source>
        <translation>Reading your ID card, please do not move it…</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="140"/>
        <source>本机没有查到这张身份证办理的业务。</source>
        <translation>This kiosk has no application made with this ID card.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="142"/>
        <source>在其他地方办理的业务，请扫描凭条上的二维码，或到大厅窗口查询。</source>
        <translation>For applications made elsewhere, scan the code on your slip or ask at a counter in the hall.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="144"/>
        <source>本机暂时无法按身份证查询，请扫描凭条上的二维码，或输入受理编号。</source>
        <translation>This kiosk cannot look up ID cards right now. Please scan the code on your slip or key in the application number.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="153"/>
        <source>其他业务</source>
        <translation>Other service</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="156"/>
        <source>%1&#x3000;%2&#x3000;%3 更新</source>
        <translation>%1 · %2 · updated %3</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="162"/>
        <source>%1&#x3000;%2 提交</source>
        <translation>%1, submitted %2</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <location filename="../widgets/idle_prompt.py" line="62"/>
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../widgets/idle_prompt.py" line="63"/>
        <source>倒计时结束后将退出办理并清除您的信息。</source>
        <translation>When the countdown ends, this visit closes and your information is erased.</translation>
    </message>
    <message>
        <location filename="../widgets/idle_prompt.py" line="64"/>
        <source>需要，继续办理</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <location filename="../widgets/idle_prompt.py" line="65"/>
        <source>结束办理</source>
        <translation>End my visit</translation>
    </message>
</context>
<context>
    <name>Illustration</name>
    <message>
        <location filename="../illustrations/__init__.py" line="69"/>
        <source>屏幕右侧</source>
        <translation>right of the screen</translation>
    </message>
    <message>
        <location filename="../illustrations/__init__.py" line="70"/>
        <source>屏幕下方</source>
        <translation>below the screen</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../widgets/keypad.py" line="25"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>LoadingPage</name>
    <message>
        <location filename="../maintenance/loading_page.py" line="59"/>
        <source>证件装载</source>
        <translation>Card loading</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="60"/>
        <source>扫描或输入证件上的申请编号</source>
        <translation>Scan or type the application number on the card</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="61"/>
        <source>分配槽位</source>
        <translation>Assign a slot</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="62"/>
        <source>登记取出该槽位的证件</source>
        <translation>Record this slot&apos;s card as taken out</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="70"/>
        <source>发证机不可用（%1）</source>
        <translation>Card dispenser unavailable (%1)</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="74"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="76"/>
        <source>共 %1 个槽位，已登记 %2 张证件，空闲槽位：%3</source>
        <translation>%1 slots, %2 cards recorded, free slot: %3</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="83"/>
        <source>%1 号槽位：%2</source>
        <translation>Slot %1: %2</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="93"/>
        <source>%1 号槽位：已登记证件 %2，传感器未检测到证件，请核对</source>
        <translation>Slot %1: card %2 is recorded but the sensor sees no card; please check</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="96"/>
        <source>%1 号槽位：传感器检测到未登记的证件，请核对</source>
        <translation>Slot %1: the sensor sees a card that is not recorded; please check</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="115"/>
        <source>该证件已登记在 %1 号槽位</source>
        <translation>This card is already recorded in slot %1</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="119"/>
        <source>无法分配槽位（%1）</source>
        <translation>No slot can be assigned (%1)</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="122"/>
        <source>请将证件放入 %1 号槽位</source>
        <translation>Put the card into slot %1</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="124"/>
        <source>等待槽位传感器确认…</source>
        <translation>Waiting for the slot sensor to confirm…</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="129"/>
        <source>已装入 %1 号槽位，请扫描下一张</source>
        <translation>Loaded into slot %1; scan the next card</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="134"/>
        <source>%1 号槽位未检测到证件，未登记（%2）</source>
        <translation>No card seen in slot %1; not recorded (%2)</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="145"/>
        <source>%1 号槽位没有登记证件</source>
        <translation>No card is recorded in slot %1</translation>
    </message>
    <message>
        <location filename="../maintenance/loading_page.py" line="148"/>
        <source>已登记取出 %1 号槽位的证件</source>
        <translation>The card in slot %1 is recorded as taken out</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <location filename="../maintenance/texts.py" line="11"/>
        <source>本机正在维护。</source>
        <translation>This kiosk is being serviced.</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="12"/>
        <source>本机打印机正在检修。</source>
        <translation>This kiosk&apos;s printer is being repaired.</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="13"/>
        <source>本机网络正在检修。</source>
        <translation>This kiosk&apos;s network is being repaired.</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="14"/>
        <source>本机缴费功能正在检修。</source>
        <translation>Payment at this kiosk is being repaired.</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="15"/>
        <source>本机摄像头正在检修。</source>
        <translation>This kiosk&apos;s camera is being repaired.</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="22"/>
        <source>已现金退还</source>
        <translation>Refunded in cash</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="23"/>
        <source>已在窗口退还</source>
        <translation>Refunded at a counter</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="24"/>
        <source>支付平台已退款</source>
        <translation>Gateway refund confirmed</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="31"/>
        <source>无需处理</source>
        <translation>nobody</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="32"/>
        <source>自动恢复</source>
        <translation>recovers by itself</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="33"/>
        <source>大厅工作人员</source>
        <translation>hall staff</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="34"/>
        <source>技术人员</source>
        <translation>technician</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="35"/>
        <source>配置</source>
        <translation>configuration</translation>
    </message>
    <message>
        <location filename="../maintenance/texts.py" line="42"/>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>NameEntryPage</name>
    <message>
        <location filename="../steps/identity.py" line="201"/>
        <source>输入姓名</source>
        <translation>Enter your name</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="202"/>
        <source>请用拼音输入您的姓名，与身份证上的一致。</source>
        <translation>Type your name in pinyin, as it is on your ID card.</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="203"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="215"/>
        <source>请先选择拼音对应的汉字</source>
        <translation>Choose the characters for the pinyin first</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="217"/>
        <source>请先输入姓名</source>
        <translation>Type your name first</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="219"/>
        <source>姓名只能包含汉字、“·”或英文字母</source>
        <translation>A name has only Chinese characters, “·” or Latin letters</translation>
    </message>
</context>
<context>
    <name>OutOfServicePage</name>
    <message>
        <location filename="../maintenance/out_of_service.py" line="61"/>
        <source>本机暂停服务</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <location filename="../maintenance/out_of_service.py" line="62"/>
        <source>技术员：进入维护</source>
        <translation>Technician: go on</translation>
    </message>
    <message>
        <location filename="../maintenance/out_of_service.py" line="64"/>
        <source>您的办理已结束：本机需要维护。您的信息已清除，未收取任何费用。</source>
        <translation>Your visit has ended: this kiosk needs maintenance. Your details were erased and no fee was charged.</translation>
    </message>
    <message>
        <location filename="../maintenance/out_of_service.py" line="69"/>
        <source>请使用大厅内的其他自助终端：%1。</source>
        <translation>Please use another self-service kiosk in the hall: %1.</translation>
    </message>
    <message>
        <location filename="../maintenance/out_of_service.py" line="75"/>
        <source>咨询电话：%1</source>
        <translation>Help line: %1</translation>
    </message>
</context>
<context>
    <name>PageNav</name>
    <message>
        <location filename="../widgets/page_nav.py" line="43"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../widgets/page_nav.py" line="44"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../widgets/page_nav.py" line="46"/>
        <source>第 %1 页，共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>PaymentPage</name>
    <message>
        <location filename="../steps/payment.py" line="83"/>
        <source>缴纳费用</source>
        <translation>Pay the fee</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="89"/>
        <source>② 扫码：点下方“用手机扫码支付”，再用手机扫屏幕上的二维码。</source>
        <translation>② QR code: tap &quot;Pay by scanning a QR code&quot;, then scan the screen with your phone.</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="98"/>
        <source>请选择一种方式付款</source>
        <translation>Choose how to pay</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="121"/>
        <source>用手机扫码支付</source>
        <translation>Pay by scanning a QR code</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="121"/>
        <source>重新获取二维码</source>
        <translation>Get a new code</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="136"/>
        <source>二维码 %1 内有效，过期后可重新获取</source>
        <translation>The code works for %1 more; then you can get a new one</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="95"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="85"/>
        <source>① 付款码：打开手机上的付款码，对准%1的扫码口。</source>
        <translation>① Payment code: hold the payment code on your phone to the scanner %1.</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="95"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="99"/>
        <source>正在支付，请稍候……</source>
        <translation>Paying, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="100"/>
        <source>正在确认支付结果，请不要重复付款……</source>
        <translation>Confirming the payment, please do not pay again…</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="101"/>
        <source>请用手机扫描右边的二维码付款</source>
        <translation>Scan the code on the right with your phone to pay</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="102"/>
        <source>支付成功</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../steps/payment.py" line="103"/>
        <source>支付结果暂未确认，请不要重复付款</source>
        <translation>Payment not confirmed yet; please do not pay again</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <location filename="../maintenance/payments_page.py" line="73"/>
        <source>需要人工处理的费用</source>
        <translation>Fees that need a person</translation>
    </message>
    <message>
        <location filename="../maintenance/payments_page.py" line="76"/>
        <source>%1 笔退款被支付平台拒绝，请退还后标记。</source>
        <translation>%1 refunds were refused by the gateway; give them back, then mark them.</translation>
    </message>
    <message>
        <location filename="../maintenance/payments_page.py" line="79"/>
        <source>没有需要人工处理的费用。</source>
        <translation>No fee needs a person.</translation>
    </message>
    <message>
        <location filename="../maintenance/payments_page.py" line="96"/>
        <source>已标记：%1</source>
        <translation>Marked: %1</translation>
    </message>
    <message>
        <location filename="../maintenance/payments_page.py" line="96"/>
        <source>这笔费用已不需要处理：%1</source>
        <translation>This fee no longer needs handling: %1</translation>
    </message>
</context>
<context>
    <name>PhotoCapturePage</name>
    <message>
        <location filename="../steps/camera.py" line="215"/>
        <source>拍摄证件照</source>
        <translation>Take your ID photo</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="216"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="217"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="218"/>
        <source>使用这张</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="219"/>
        <source>再拍一次</source>
        <translation>Take it again</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="220"/>
        <source>要求：正脸，露出眉毛和耳朵，不戴帽子和深色眼镜。</source>
        <translation>Needed: face the camera, eyebrows and ears visible, no hat, no dark glasses.</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="239"/>
        <source>符合要求后会自动拍照</source>
        <translation>The photo is taken automatically once everything is right</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="241"/>
        <source>很好，请保持不动</source>
        <translation>Good, please hold still</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="242"/>
        <source>马上为您拍照……</source>
        <translation>Taking your photo now…</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="244"/>
        <source>正在拍照……</source>
        <translation>Taking the photo…</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="247"/>
        <source>没能拍成照片</source>
        <translation>The photo could not be taken</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="250"/>
        <source>请确认照片</source>
        <translation>Please check your photo</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="251"/>
        <source>满意请点“使用这张”，不满意请点“重拍”。</source>
        <translation>Press “Use this photo” if you are happy with it, or “Retake”.</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="264"/>
        <source>拍摄时一直提示“%1”。</source>
        <translation>The screen kept asking: “%1”. </translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="267"/>
        <source>可以点“再拍一次”；需要帮助请点右上角“请工作人员协助”，不办了请点“取消办理”。</source>
        <translation>Press “Take it again”; for help press “Call staff” at the top right; to stop, press “Cancel”.</translation>
    </message>
    <message>
        <location filename="../steps/camera.py" line="270"/>
        <source>请点击右上角“请工作人员协助”，工作人员会来帮您；或点“取消办理”。</source>
        <translation>Press “Call staff” at the top right and a member of staff will come to help you, or press “Cancel”.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../maintenance/pin_pad.py" line="80"/>
        <source>维护登录</source>
        <translation>Maintenance sign-in</translation>
    </message>
    <message>
        <location filename="../maintenance/pin_pad.py" line="81"/>
        <source>请输入工号</source>
        <translation>Enter your technician number</translation>
    </message>
    <message>
        <location filename="../maintenance/pin_pad.py" line="81"/>
        <source>请输入密码</source>
        <translation>Enter your PIN</translation>
    </message>
    <message>
        <location filename="../maintenance/pin_pad.py" line="82"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../maintenance/pin_pad.py" line="83"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../maintenance/pin_pad.py" line="86"/>
        <source>工号或密码不正确。已锁定，请 %1 后再试。</source>
        <translation>Wrong number or PIN. Locked; try again in %1.</translation>
    </message>
    <message>
        <location filename="../maintenance/pin_pad.py" line="89"/>
        <source>工号或密码不正确。</source>
        <translation>Wrong number or PIN.</translation>
    </message>
</context>
<context>
    <name>PinyinKeyboard</name>
    <message>
        <location filename="../widgets/keyboard.py" line="132"/>
        <source>中</source>
        <translation>CN</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="132"/>
        <source>英</source>
        <translation>EN</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="134"/>
        <source>字母</source>
        <translation>ABC</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="134"/>
        <source>符号</source>
        <translation>?123</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="135"/>
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="136"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="137"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="252"/>
        <source>拼音输入：按字母拼写，再点选汉字</source>
        <translation>Type pinyin, then tap the characters</translation>
    </message>
    <message>
        <location filename="../widgets/keyboard.py" line="254"/>
        <source>英文输入：字母直接输入</source>
        <translation>English: letters are typed as they are</translation>
    </message>
</context>
<context>
    <name>PrintSlipPage</name>
    <message>
        <location filename="../steps/printing.py" line="62"/>
        <source>打印凭条</source>
        <translation>Print your slip</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="63"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="64"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="75"/>
        <source>正在打印凭条，请稍候……</source>
        <translation>Printing your slip, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="78"/>
        <source>请取走出纸口的凭条</source>
        <translation>Please take your slip from the slot</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="79"/>
        <source>凭条上的二维码可用于查询进度和领取证件，请妥善保管。</source>
        <translation>The code on the slip lets you check progress and collect your card. Please keep it safe.</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="84"/>
        <source>您的办件已提交成功，但凭条没有打印出来</source>
        <translation>Your application was submitted, but the slip did not print</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="86"/>
        <source>请记下下方受理编号，或用手机拍下二维码。</source>
        <translation>Please note the application number below, or take a photo of the code.</translation>
    </message>
    <message>
        <location filename="../steps/printing.py" line="94"/>
        <source>请等打印完成</source>
        <translation>Please wait for the printing to finish</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../maintenance/queue_page.py" line="47"/>
        <source>交易队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="48"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="49"/>
        <source>重试失败记录</source>
        <translation>Retry dead rows</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="50"/>
        <source>导出支持文件</source>
        <translation>Export for support</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="57"/>
        <location filename="../maintenance/queue_page.py" line="100"/>
        <source>队列不可用</source>
        <translation>Queue unavailable</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="63"/>
        <source>待发送 %1 · 发送中 %2 · 已送达 %3 · 失败 %4</source>
        <translation>Pending %1 · sending %2 · delivered %3 · dead %4</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="71"/>
        <source>没有待发送的记录</source>
        <translation>Nothing pending</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="73"/>
        <source>最早待发送：%1 前</source>
        <translation>Oldest pending: %1 ago</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="74"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="78"/>
        <source>上次错误 %1</source>
        <translation>last error %1</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="79"/>
        <source>上次成功同步：%1</source>
        <translation>Last successful sync: %1</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="83"/>
        <source>已发送 %1，送达 %2，失败 %3</source>
        <translation>Sent %1, delivered %2, dead %3</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="94"/>
        <source>%1 条失败记录已重新排队</source>
        <translation>%1 dead rows queued again</translation>
    </message>
    <message>
        <location filename="../maintenance/queue_page.py" line="102"/>
        <source>已导出（不含个人信息）：%1</source>
        <translation>Exported (no personal data): %1</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <location filename="../steps/rating.py" line="37"/>
        <source>请对本次服务进行评价</source>
        <translation>Please rate this visit</translation>
    </message>
    <message>
        <location filename="../steps/rating.py" line="38"/>
        <source>请选择不满意的原因（可多选）：</source>
        <translation>What was wrong? (one or more)</translation>
    </message>
    <message>
        <location filename="../steps/rating.py" line="39"/>
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <location filename="../steps/rating.py" line="40"/>
        <source>不评价</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../steps/rating.py" line="54"/>
        <source>请先点选一个评价</source>
        <translation>Choose a rating first</translation>
    </message>
    <message>
        <location filename="../steps/rating.py" line="56"/>
        <source>请至少选择一个原因</source>
        <translation>Choose at least one reason</translation>
    </message>
    <message>
        <location filename="../steps/rating.py" line="58"/>
        <source>正在提交……</source>
        <translation>Sending…</translation>
    </message>
</context>
<context>
    <name>ReadIdCardPage</name>
    <message>
        <location filename="../steps/identity.py" line="49"/>
        <source>读取身份证</source>
        <translation>Read your ID card</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="51"/>
        <source>请将身份证平放在%1的读卡区</source>
        <translation>Place your ID card flat on the reader %1</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="53"/>
        <source>重新读取</source>
        <translation>Read again</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="62"/>
        <source>正在读取，请不要移动身份证……</source>
        <translation>Reading, please do not move the card…</translation>
    </message>
    <message>
        <location filename="../steps/identity.py" line="64"/>
        <source>放好后会自动读取</source>
        <translation>It is read as soon as it lies on the reader</translation>
    </message>
</context>
<context>
    <name>ReleaseCardPage</name>
    <message>
        <location filename="../steps/collection.py" line="103"/>
        <source>领取身份证</source>
        <translation>Take your ID card</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="104"/>
        <source>打印领取凭条</source>
        <translation>Print a receipt</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="113"/>
        <source>请取走您的身份证</source>
        <translation>Please take your ID card</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="114"/>
        <source>证件正在送到出证口，请在 30 秒内取走。</source>
        <translation>Your card is coming to the card exit; take it within 30 seconds.</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="116"/>
        <source>您已取走身份证</source>
        <translation>You have taken your ID card</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="117"/>
        <source>请当场核对证件信息，需要领取凭条请点“打印领取凭条”。</source>
        <translation>Check the details on the card now. For a receipt, press “Print a receipt”.</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="119"/>
        <source>证件没有领取成功</source>
        <translation>The card was not handed out</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="123"/>
        <source>正在打印领取凭条……</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="124"/>
        <source>领取凭条已打印，请在出纸口取走。</source>
        <translation>The receipt is printed; take it from the slip outlet.</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="125"/>
        <source>领取凭条没有打印出来，证件已领取，不影响使用。</source>
        <translation>The receipt could not be printed. Your card is collected and valid all the same.</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="130"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="130"/>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location filename="../steps/collection.py" line="132"/>
        <source>正在打印……</source>
        <translation>Printing…</translation>
    </message>
</context>
<context>
    <name>ServiceDetailPage</name>
    <message>
        <location filename="../pages/service_detail.py" line="52"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="58"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="58"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="59"/>
        <source>收费：%1</source>
        <translation>Fee: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="60"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="61"/>
        <source>所需材料：%1</source>
        <translation>What to bring: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="62"/>
        <source>办理时限：%1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="63"/>
        <source>办理时间：%1</source>
        <translation>Hours: %1</translation>
    </message>
    <message>
        <location filename="../pages/service_detail.py" line="67"/>
        <source>办理地点：%1</source>
        <translation>Where: %1</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <location filename="../maintenance/service_page.py" line="72"/>
        <source>耗材与服务</source>
        <translation>Supplies and service</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="73"/>
        <source>已更换纸卷</source>
        <translation>Paper replaced</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="74"/>
        <source>打印运行检查报告</source>
        <translation>Print readiness report</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="75"/>
        <source>最近日志</source>
        <translation>Recent log</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="76"/>
        <source>当前配置</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="77"/>
        <source>重启应用</source>
        <translation>Restart app</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="78"/>
        <source>重启终端</source>
        <translation>Reboot kiosk</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="79"/>
        <source>维护结束后暂停服务，并向市民显示：</source>
        <translation>After maintenance, stay out of service and show citizens:</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="82"/>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="83"/>
        <source>恢复服务</source>
        <translation>Back in service</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="92"/>
        <source>打印机状态：%1</source>
        <translation>Printer status: %1</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="98"/>
        <source>检查报告：%1</source>
        <translation>Readiness report: %1</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="104"/>
        <source>维护结束后本机将保持暂停服务。</source>
        <translation>The kiosk stays out of service after maintenance.</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="106"/>
        <source>维护结束后，检查通过即恢复服务。</source>
        <translation>After maintenance the kiosk returns to service once its checks pass.</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="120"/>
        <source>再按一次“重启应用”以确认。</source>
        <translation>Press “Restart app” again to confirm.</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="122"/>
        <source>再按一次“重启终端”以确认。</source>
        <translation>Press “Reboot kiosk” again to confirm.</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="130"/>
        <source>命令已执行。</source>
        <translation>Command done.</translation>
    </message>
    <message>
        <location filename="../maintenance/service_page.py" line="130"/>
        <source>命令未成功。</source>
        <translation>Command failed.</translation>
    </message>
</context>
<context>
    <name>ShowProgressPage</name>
    <message>
        <location filename="../steps/progress.py" line="194"/>
        <source>办理进度</source>
        <extracomment>The stages an application goes through, in order (a refusal ends it after any).</extracomment>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="195"/>
        <source>重新查询</source>
        <translation>Ask again</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="196"/>
        <source>查询完毕</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="209"/>
        <source>受理编号：%1</source>
        <translation>Application number: %1</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="213"/>
        <source>正在查询，请稍候……</source>
        <translation>Looking it up, please wait…</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="219"/>
        <source>已提交，等待上传</source>
        <translation>Submitted, waiting to be uploaded</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="221"/>
        <source>本机暂时无法连接办理平台，您的办件已安全保存，连通后会自动上传。</source>
        <translation>This kiosk cannot reach the service platform right now. Your application is saved safely and will be uploaded automatically.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="224"/>
        <source>没有找到这个受理编号</source>
        <translation>No application with this number</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="227"/>
        <source>办理平台暂时连接不上。</source>
        <translation>The service platform cannot be reached right now.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="233"/>
        <source>正在查询……</source>
        <translation>Looking it up…</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="261"/>
        <source>下一步：请耐心等待办理，可随时回来查询。</source>
        <translation>Next: it is being processed; you can check again at any time.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="262"/>
        <source>下一步：请带上身份证和受理凭条到%1领取（%2）。</source>
        <translation>Next: bring your ID card and the slip to %1 to collect it (%2).</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="265"/>
        <source>已全部办结，无需再做什么。</source>
        <translation>All done: there is nothing more to do.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="266"/>
        <source>下一步：请到大厅窗口咨询原因（%1）。</source>
        <translation>Next: ask at a counter in the hall why (%1).</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="269"/>
        <source>下一步：请核对编号；刚提交的办件可能需要几分钟才能查到。</source>
        <translation>Next: check the number; a new application can take a few minutes to appear.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="270"/>
        <source>下一步：请稍后点“重新查询”。</source>
        <translation>Next: press “Check again” in a while.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="274"/>
        <source>也可拨打 %1 咨询。</source>
        <translation> Or call %1.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="226"/>
        <source>暂时无法查询</source>
        <translation>Cannot look it up right now</translation>
    </message>
</context>
<context>
    <name>SmsPhonePage</name>
    <message>
        <location filename="../steps/sms_phone.py" line="53"/>
        <source>短信通知（可以跳过）</source>
        <translation>Text message (you may skip)</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="56"/>
        <source>办好后我们可以发短信通知您。需要的话，请勾选同意，再输入手机号码；不需要请点“跳过”。</source>
        <translation>We can text you when it is ready. If you want that, tick your consent and type your mobile number; if not, tap &quot;Skip&quot;.</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="59"/>
        <source>跳过，不要短信</source>
        <translation>Skip, no text</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="60"/>
        <source>同意，下一步</source>
        <translation>Agree, next</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="72"/>
        <source>我同意用这个手机号码接收本次办理结果的短信</source>
        <translation>I agree to a text about this application</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="75"/>
        <source>这不是手机号码，请核对（以 13 至 19 开头）</source>
        <translation>Not a mobile number; please check (it starts with 13 to 19)</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="76"/>
        <source>请只输入数字</source>
        <translation>Digits only, please</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="80"/>
        <source>还差 %1 位</source>
        <translation>%1 more to go</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="82"/>
        <source>手机号码有误，请核对</source>
        <translation>Please check the number</translation>
    </message>
    <message>
        <location filename="../steps/sms_phone.py" line="84"/>
        <source>请先勾选同意</source>
        <translation>Tick your consent first</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../steps/start.py" line="27"/>
        <source>办理须知</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="28"/>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="36"/>
        <source>无需携带材料</source>
        <translation>Nothing to bring</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="39"/>
        <source>约 %1 分钟</source>
        <translation>About %1 minutes</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="44"/>
        <source>%1 个工作日后可领取（%2）</source>
        <translation>Ready to collect after %1 working days (%2)</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="49"/>
        <source>办理内容</source>
        <translation>What it does</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="54"/>
        <source>一次办理</source>
        <translation>All at once</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="55"/>
        <source>适用对象</source>
        <translation>Who can use it</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="56"/>
        <source>所需材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="57"/>
        <source>费用</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="57"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="57"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="58"/>
        <source>办理用时</source>
        <translation>Time here</translation>
    </message>
    <message>
        <location filename="../steps/start.py" line="59"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>StepName</name>
    <message>
        <location filename="../steps/step_names.py" line="14"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="15"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="16"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="17"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="18"/>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="19"/>
        <source>拍照</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="20"/>
        <source>指纹</source>
        <translation>Fingerprints</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="21"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="22"/>
        <source>缴费</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="23"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="24"/>
        <source>取凭条</source>
        <translation>Slip</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="25"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="26"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="27"/>
        <source>填写</source>
        <translation>Fill in</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="28"/>
        <source>指南</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="30"/>
        <source>开具</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="31"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="32"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="33"/>
        <source>扫凭条</source>
        <translation>Scan slip</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="34"/>
        <source>取证</source>
        <translation>Collect card</translation>
    </message>
    <message>
        <location filename="../steps/step_names.py" line="40"/>
        <source>办理</source>
        <translation>Step</translation>
    </message>
</context>
<context>
    <name>StepText</name>
    <message>
        <location filename="../steps/texts.py" line="12"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="13"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="14"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="15"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="16"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="22"/>
        <source>等待或办理时间太长</source>
        <translation>It took too long</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="23"/>
        <source>操作步骤太复杂</source>
        <translation>Too many steps</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="24"/>
        <source>设备出现故障</source>
        <translation>A device failed</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="25"/>
        <source>办事指南不清楚</source>
        <translation>The guide was unclear</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="26"/>
        <source>事情没有办成</source>
        <translation>I could not get it done</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="27"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="28"/>
        <source>找不到要办的事项</source>
        <translation>The service I need is not here</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="29"/>
        <source>不清楚要带什么材料</source>
        <translation>Unclear what to bring</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="30"/>
        <source>工作人员态度</source>
        <translation>Staff attitude</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="31"/>
        <source>等候时间太长</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="32"/>
        <source>收费问题</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="33"/>
        <source>怎么办理</source>
        <translation>How to apply</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="34"/>
        <source>办理进度</source>
        <translation>Application progress</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="41"/>
        <source>办不成事反映</source>
        <translation>Could not get it done</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="42"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="43"/>
        <source>咨询</source>
        <translation>Enquiry</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="51"/>
        <location filename="../steps/texts.py" line="54"/>
        <source>本机暂时无法保存办件，请稍后再试或联系工作人员。</source>
        <translation>This kiosk cannot save your application right now. Please try again later or ask staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="57"/>
        <source>保存办件没有成功，请点“重试”。</source>
        <translation>Saving did not succeed. Please tap &quot;Try again&quot;.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="60"/>
        <source>没有读出身份证，请把证件放平后点“重新读取”。</source>
        <translation>The card could not be read. Lay it flat and tap &quot;Read again&quot;.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="63"/>
        <source>读卡区上有一张上一位办事群众留下的身份证，请交给工作人员，再放上您本人的身份证。</source>
        <translation>The ID card on the reader was left by the previous visitor. Please hand it to staff, then place your own ID card.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="67"/>
        <source>读取时身份证被拿开了，请放回读卡区。</source>
        <translation>The card was taken away while it was read. Please put it back on the reader.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="70"/>
        <source>没有找到这个受理编号，请核对凭条后重新扫描或输入。</source>
        <translation>This application number was not found. Check your slip and scan or key it in again.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="73"/>
        <source>这个编号没有待领取的身份证，请到“办理进度查询”查看办理结果。</source>
        <translation>There is no ID card to collect for this number. See “Check application progress” for its result.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="76"/>
        <source>这张身份证已经领取过了。如有疑问请联系工作人员。</source>
        <translation>This ID card has already been collected. Ask the staff if you have questions.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="79"/>
        <source>这张身份证不是您输入的身份信息办理的，只能由申请人本人领取。请核对姓名和身份证号码。</source>
        <translation>This card was not applied for with the name and ID number you entered; only the applicant can collect it. Check your name and number.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="83"/>
        <source>您的身份证还在制作中，暂不能领取，请留意短信通知。</source>
        <translation>Your ID card is still being made and cannot be collected yet. Watch for the text message.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="86"/>
        <source>您的身份证不在本机，请到大厅窗口领取。</source>
        <translation>Your ID card is not in this kiosk. Please collect it at a counter in the hall.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="89"/>
        <source>暂时无法核对领取信息，请稍后再试或到大厅窗口领取。</source>
        <translation>Your card cannot be checked right now. Try again later or collect it at a counter.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="92"/>
        <source>您没有及时取走身份证，证件已收回机内妥善保管，仍可领取。工作人员已收到通知，请联系工作人员取回，或到大厅窗口领取。</source>
        <translation>The card was not taken in time and has been pulled back into the kiosk, where it is kept safe; you can still collect it. The staff have been told: ask them for it, or collect it at a counter.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="97"/>
        <source>出证没有成功，您的证件仍可领取。工作人员已收到通知，请联系工作人员或到大厅窗口领取。</source>
        <translation>The card could not be handed out; you can still collect it. The staff have been told: ask them, or collect it at a counter.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="101"/>
        <source>这不是本系统凭条上的二维码，请扫描受理凭条上的二维码。</source>
        <translation>This is not a code from our slips. Please scan the code on your application slip.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="104"/>
        <source>支付没有成功，请换一种方式再试。</source>
        <translation>The payment did not go through. Please try another way.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="107"/>
        <source>二维码已过期，请重新获取。</source>
        <translation>The code has expired. Please ask for a new one.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="108"/>
        <source>支付服务暂时不可用，请稍后再试或联系工作人员。</source>
        <translation>Payment is unavailable right now. Please try later or ask staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="111"/>
        <source>请联系工作人员核实支付结果，如已扣款不会重复收费。</source>
        <translation>Please ask staff to check the payment. You will not be charged twice.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="114"/>
        <source>没有检测到手指，请按住指纹仪后点“重新采集”。</source>
        <translation>No finger was felt. Hold your finger on the reader and tap &quot;Try again&quot;.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="117"/>
        <source>指纹没有采集成功，请擦干手指后重试。</source>
        <translation>The fingerprint was not taken. Please dry your finger and try again.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="120"/>
        <source>打印机暂时无法打印。</source>
        <translation>The printer cannot print right now.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="121"/>
        <source>凭条可能没有打印完整。</source>
        <translation>The slip may not have printed completely.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="122"/>
        <source>本机打印机暂不可用。</source>
        <translation>This kiosk&apos;s printer is unavailable.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="123"/>
        <source>所需设备暂不可用，请联系工作人员。</source>
        <translation>A device this service needs is unavailable. Please ask staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="126"/>
        <source>摄像头暂时没有画面，请点“重试”；仍不行请联系工作人员。</source>
        <translation>The camera shows no picture at the moment. Press “Try again”; if it still fails, please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="129"/>
        <source>人脸检测暂时出错，请点“重试”或联系工作人员。</source>
        <translation>Face detection went wrong. Press “Try again” or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="132"/>
        <source>没有检测到人脸，请正对摄像头后点“重试”。</source>
        <translation>No face was found. Face the camera, then press “Try again”.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="135"/>
        <source>没有完成眨眼或转头动作，请点“重试”后按提示再做一次。</source>
        <translation>The blink or head turn was not completed. Press “Try again” and follow the prompts.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="138"/>
        <source>人脸与证件照片比对未通过，请摘下帽子和眼镜，正对摄像头后点“重试”。</source>
        <translation>Your face did not match the ID photo. Take off your hat and glasses, face the camera, then press “Try again”.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="141"/>
        <source>人脸比对多次未通过，请点击右上角“请工作人员协助”。</source>
        <translation>The face check failed several times. Please press “Call staff” at the top right.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="144"/>
        <source>画面中的人脸不够清楚，请正对摄像头后点“重试”。</source>
        <translation>Your face is not clear enough in the picture. Face the camera, then press “Try again”.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="147"/>
        <source>证件照片无法用于比对，请联系工作人员。</source>
        <translation>The photo on the ID card cannot be used for the check. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="150"/>
        <source>没有找到该身份证号码的登记信息，请返回核对号码，或联系工作人员。</source>
        <translation>No record was found for this ID number. Go back and check the number, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="153"/>
        <source>暂时无法联网核验身份，请稍后点“重试”或联系工作人员。</source>
        <translation>Your identity cannot be checked online right now. Press “Try again” later or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="156"/>
        <source>缺少用于比对的证件信息，请联系工作人员。</source>
        <translation>There is no ID information to compare with. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="159"/>
        <source>拍照没有成功，请再试一次。</source>
        <translation>The photo was not taken. Please try again.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="160"/>
        <source>照片一直没有达到要求，已暂停拍摄。</source>
        <translation>The photo did not meet the requirements in time, so the camera has stopped.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="163"/>
        <source>多次没能拍成照片，请点击右上角“请工作人员协助”。</source>
        <translation>The photo could not be taken after several tries. Please press “Call staff” at the top right.</translation>
    </message>
    <message>
        <location filename="../steps/texts.py" line="168"/>
        <source>出了点问题，请重试或联系工作人员。</source>
        <translation>Something went wrong. Please try again or ask staff.</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="22"/>
        <source>已受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="23"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="24"/>
        <source>已办结，可领取</source>
        <translation>Ready to collect</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="25"/>
        <source>已领取</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../steps/progress.py" line="26"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../steps/devices.py" line="15"/>
        <source>请将右手食指平放在指纹仪上</source>
        <translation>Place your right index finger flat on the reader</translation>
    </message>
    <message>
        <location filename="../steps/devices.py" line="16"/>
        <source>请将左手食指平放在指纹仪上</source>
        <translation>Place your left index finger flat on the reader</translation>
    </message>
    <message>
        <location filename="../steps/devices.py" line="17"/>
        <source>指纹采集完成</source>
        <translation>Fingerprints taken</translation>
    </message>
</context>
<context>
    <name>SubmitPage</name>
    <message>
        <location filename="../steps/submit.py" line="25"/>
        <source>正在提交办件</source>
        <translation>Submitting your application</translation>
    </message>
    <message>
        <location filename="../steps/submit.py" line="26"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../steps/submit.py" line="37"/>
        <source>您已缴纳的费用未被使用：取消办理后将原路退回。</source>
        <translation>Your fee has not been used: if you cancel, it is refunded to where it came from.</translation>
    </message>
    <message>
        <location filename="../steps/submit.py" line="41"/>
        <source>正在保存，请稍候……</source>
        <translation>Saving, please wait…</translation>
    </message>
</context>
<context>
    <name>SuccessPage</name>
    <message>
        <location filename="../steps/success.py" line="55"/>
        <source>受理编号（查询进度和领取时使用）</source>
        <translation>Application number (to check progress and to collect)</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="56"/>
        <source>接下来</source>
        <translation>What happens next</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="57"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="54"/>
        <source>办理成功，您的申请已提交</source>
        <translation>Done: your application has been submitted</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="66"/>
        <source>✓ 办理成功，证明已打印</source>
        <translation>✓ Done: your certificate is printed</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="67"/>
        <source>证明编号（证明可凭页面上的验证码核验）</source>
        <translation>Certificate number (the code on the page verifies it)</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="80"/>
        <location filename="../steps/success.py" line="96"/>
        <source>领取</source>
        <translation>Collect</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="80"/>
        <source>请取走A4出纸口的证明。</source>
        <translation>Please take your certificate from the A4 tray.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="87"/>
        <source>%1 个工作日后，请带上身份证和受理凭条到%2领取。</source>
        <translation>After %1 working days, bring your ID card and the slip to %2.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="95"/>
        <source>时间</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="99"/>
        <source>%1，我们会打电话到 %2 回复您。</source>
        <translation>%1: we will call you on %2.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="101"/>
        <source>%1，回复可凭受理编号在本机查询。</source>
        <translation>%1: look up the reply here with the application number.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="103"/>
        <source>回复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="109"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="112"/>
        <source>在本机“办理进度查询”扫凭条上的二维码或输入受理编号</source>
        <translation>Here, under &quot;Check application progress&quot;: scan the slip&apos;s code or key in the number</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="114"/>
        <source>在本机“办理进度查询”输入受理编号</source>
        <translation>Here, under &quot;Check application progress&quot;: key in the number</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="117"/>
        <source>；也可拨打 %1</source>
        <translation>, or call %1</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="118"/>
        <source>查询进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="118"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="120"/>
        <source>办好后会发短信到 %1 通知您。</source>
        <translation>We will text %1 when it is ready.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="122"/>
        <source>您没有留手机号码，不会收到短信。</source>
        <translation>You left no mobile number, so no text will come.</translation>
    </message>
    <message>
        <location filename="../steps/success.py" line="125"/>
        <source>短信</source>
        <translation>Text message</translation>
    </message>
</context>
<context>
    <name>TakeItemsPrompt</name>
    <message>
        <location filename="../widgets/take_items.py" line="81"/>
        <source>请取走您的身份证和凭条</source>
        <extracomment>Half a flash period: the border swaps colour this often.</extracomment>
        <translation>Please take your ID card and your slip</translation>
    </message>
    <message>
        <location filename="../widgets/take_items.py" line="83"/>
        <source>请取走您的身份证</source>
        <translation>Please take your ID card</translation>
    </message>
    <message>
        <location filename="../widgets/take_items.py" line="85"/>
        <source>请取走您的凭条</source>
        <translation>Please take your slip</translation>
    </message>
    <message>
        <location filename="../widgets/take_items.py" line="87"/>
        <source>身份证还在%1的读卡区上</source>
        <translation>Your ID card is still on the reader %1</translation>
    </message>
    <message>
        <location filename="../widgets/take_items.py" line="89"/>
        <source>凭条在出纸口</source>
        <translation>The slip is at the printer outlet</translation>
    </message>
    <message>
        <location filename="../widgets/take_items.py" line="90"/>
        <source>已取走</source>
        <translation>Taken</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../widgets/top_bar.py" line="129"/>
        <source>演示</source>
        <extracomment>Icons on the bar&apos;s outlined buttons; a checked one turns white, its icon the bar&apos;s blue. The help button is white: its icon is the bar&apos;s blue, white once it rests (called). Upright in 长辈版 the five buttons share 1080 px: words only, icons would cut them.</extracomment>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../widgets/top_bar.py" line="130"/>
        <source>长辈版</source>
        <translation>Large type</translation>
    </message>
    <message>
        <location filename="../widgets/top_bar.py" line="131"/>
        <source>重听</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../widgets/top_bar.py" line="133"/>
        <source>取消静音</source>
        <translation>Sound on</translation>
    </message>
    <message>
        <location filename="../widgets/top_bar.py" line="133"/>
        <source>静音</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../widgets/top_bar.py" line="136"/>
        <source>已呼叫工作人员</source>
        <translation>Staff called</translation>
    </message>
    <message>
        <location filename="../widgets/top_bar.py" line="136"/>
        <source>请工作人员协助</source>
        <translation>Call staff</translation>
    </message>
</context>
<context>
    <name>Voice</name>
    <message>
        <location filename="../voice_text.py" line="10"/>
        <source>您好，请点击屏幕上要办理的事项。需要帮助请点右上角的请工作人员协助。</source>
        <translation>Hello. Tap the service you need on the screen. For help, tap Call staff at the top right.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="13"/>
        <source>请选择部门或常见事项，也可以输入拼音首字母查找。</source>
        <translation>Choose a department or a common topic, or type the pinyin initials to search.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="16"/>
        <source>请选择问题类别和原因。联系电话可以不填。</source>
        <translation>Choose a category and the reasons. The phone number is optional.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="19"/>
        <source>请对本次服务进行评价，点击五个评价中的一个，然后点提交评价。</source>
        <translation>Please rate this visit: tap one of the five ratings, then Send rating.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="22"/>
        <source>正在提交，请稍候。</source>
        <translation>Submitting, please wait.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="23"/>
        <source>请将身份证平放在读卡区，读取时请不要移动。</source>
        <translation>Place your ID card flat on the reader and do not move it while it is read.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="26"/>
        <source>请用屏幕上的数字键输入您的身份证号码。</source>
        <translation>Use the number keys on the screen to enter your ID number.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="29"/>
        <source>请正对摄像头，按屏幕上的提示眨眼或转头，完成人脸比对。</source>
        <translation>Please face the camera and blink or turn your head as the screen asks, to complete the face check.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="32"/>
        <source>请正对摄像头，按屏幕上的提示调整位置，符合要求后会自动拍照。</source>
        <translation>Please face the camera and adjust your position as the screen asks; the photo is taken automatically once everything is right.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="35"/>
        <source>正在打印凭条，打印完成后请取走凭条。</source>
        <translation>Printing your slip. Please take it when it is done.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="36"/>
        <source>请将凭条上的二维码对准扫码口，或者输入受理编号；也可以放身份证查询全部业务。</source>
        <translation>Hold the QR code on your slip to the scanner, or key in the application number; or place your ID card to see all your applications.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="39"/>
        <source>请将受理凭条上的二维码对准扫码口，或者输入受理编号。</source>
        <translation>Hold the QR code on your application slip to the scanner, or key in the application number.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="42"/>
        <source>证件正在送到出证口，请在三十秒内取走您的身份证。</source>
        <translation>Your card is coming to the card exit. Please take your ID card within thirty seconds.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="45"/>
        <source>查询结果已显示在屏幕上。</source>
        <translation>The result is on the screen.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="46"/>
        <source>请用屏幕上的拼音键盘输入您的姓名。</source>
        <translation>Use the pinyin keyboard on the screen to type your name.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="47"/>
        <source>请按屏幕提示，将手指平放在指纹仪上，听到提示后再移开。</source>
        <translation>Follow the screen: lay your finger flat on the reader and lift it when told.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="50"/>
        <source>请出示手机付款码对准扫码口，或者点用手机扫码支付。</source>
        <translation>Hold your phone&apos;s payment code to the scanner, or tap Pay by scanning a QR code.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="53"/>
        <source>请核对屏幕上的信息，无误请点确认。</source>
        <translation>Please check the details on the screen, then tap Correct.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="54"/>
        <source>需要短信通知的话，请勾选同意，再输入手机号码；不需要请点跳过。</source>
        <translation>For a text message, tick your consent and type your mobile number; if not, tap Skip.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="57"/>
        <source>您还需要更多时间吗？需要请点继续办理。</source>
        <translation>Do you need more time? If so, tap Yes, continue.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="58"/>
        <source>请取走您的身份证，不要遗落在读卡区。</source>
        <translation>Please take your ID card; do not leave it on the reader.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="59"/>
        <source>凭条已经打印好了，请取走出纸口的凭条，妥善保管。</source>
        <translation>Your slip has been printed. Please take it from the printer outlet and keep it safe.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="62"/>
        <source>请取走出纸口的凭条。</source>
        <translation>Please take your slip from the printer outlet.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="63"/>
        <source>请取走读卡区上的身份证和出纸口的凭条。</source>
        <translation>Please take your ID card from the reader and your slip from the printer outlet.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="66"/>
        <source>已通知工作人员，请在原地稍候。</source>
        <translation>Staff have been called. Please wait here.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="67"/>
        <source>现在没有工作人员值守，您的求助已记录。也可以拨打屏幕上的热线电话。</source>
        <translation>No staff are on site now; your request has been recorded. You can also call the hotline shown on the screen.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="70"/>
        <source>请先看一下办理须知，准备好后点开始办理。</source>
        <translation>Please read what you need to know, then tap Start.</translation>
    </message>
    <message>
        <location filename="../voice_text.py" line="71"/>
        <source>办理成功。请记下屏幕上的受理编号，并看一下接下来要做什么。</source>
        <translation>Done. Please note the application number on the screen and read what happens next.</translation>
    </message>
</context>
</TS>
