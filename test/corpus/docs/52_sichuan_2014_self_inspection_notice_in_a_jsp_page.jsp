<%@ page language="java" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8"%>
<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<%
  String basePath = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath();
%>
<title>欢迎访问剑阁网络管理平台</title>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
</head>
<body>
<!--content-->
<div class="content_box">
    <div class="content_right2">
    	<div class="content_left_con2">
            <div class="tab_select_box">
            	<h3 class="title_jiandu_font" style="border-bottom:none;">接访信息详情</h3>
            	<div class="zhaiyao_set">
                	关于立即开展落实民生19项核查点情况意见通知
                    <p>发布人：<span>刘东</span> &nbsp;&nbsp;&nbsp;&nbsp;   &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;联络点：<span>下寺镇查点</span> &nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp;时间：<span>7月8号</span></p>
                </div>
                <div class="contentbox_set_box">
                    	各市（州）、县（市、区）人民政府，省政府各部门、各直属机构：
现将《国务院关于对稳增长促改革调结构惠民生政策措施落实情况开展全面督查的通知》（国发明电〔2014〕1号）转发你们，请按照通知要求立即开展自查，要对4个方面、19个重点领域的60项重点内容逐一对照检查，确保国务院政策措施落实到位。现就有关工作通知如下。
<b>一、各地自查</b>
各市（州）、县（市、区）要按照督查的内容和重点，对本地区贯彻实施情况开展逐项自查。对落实较好的，要认真总结经验做法；对落实进展缓慢的，要逐一查明原因，抓紧贯彻落实。各市（州）于6月20日18：00前通过全省政府系统公文无纸化传输平台向省政府报送自查报告（含电子文档）。
<b>二、部门自查</b>
省级部门要按照职责分工，从行业主管部门的角度进行深入自查，客观反映工作进展情况及成效，抓紧落实相关措施，梳理发现执行中存在的问题，确保决策措施的贯彻落实取得实质进展。19个方面督查重点，由所涉及的省政府办公厅、住房城乡建设厅、省发展改革委、环境保护厅、民政厅、省经济和信息化委、文化厅、省政府金融办、商务厅、科技厅、农业厅、水利厅、省扶贫移民局、财政厅、人力资源社会保障厅等省级主管部门（单位）牵头完成自查报告，其他相关部门（单位）配合，于6月20日18：00前通过全省政府系统公文无纸化传输平台向省政府报送自查报告（含电子文档）。
<b>三、重点抽查</b>
省政府将对省级重点部门、重点地区稳增长促改革调结构惠民生政策措施落实情况开展抽查，了解掌握具体情况，及时发现具有倾向性、苗头性、典型性的问题，确保决策措施的贯彻落实取得实质进展。<br />
特此通知。
            </div>
            <h3 class="title_jiandu_font" style="border-bottom:none;">评论回复</h3>
            <div class="textareea_set">
            	<ul class="list_pinglun">
                	<li>王志国：请新秘书长审签，这个资料是按照省部属修改<span> ［2016-07-10］</span></li>
                    <li>李沉：同意<span> ［2016-07-10］</span></li>
                </ul>
                <textarea class="textarea_set_ss"></textarea>
                <p class="twobtn_set"><a href="javascript:;">提交回复</a><a href="javascript:;">返回</a></p>
            </div>
        </div>
    </div>
</div>
</body>
</html>
