// The finding rules (IntegrationHub.Contracts.Rules; a browser test checks that this list is the
// same) with their names in both languages.
import { lang } from "./i18n.js";

const names = {
  SERVICE_NOT_FULL_ONLINE: ["DVC đủ điều kiện nhưng chưa cung cấp toàn trình", "Eligible service not offered fully online"],
  SERVICE_FULL_ONLINE_NOT_ELIGIBLE: ["Cấu hình toàn trình cho TTHC không đủ điều kiện", "Full online configured for an ineligible procedure"],
  ELIGIBLE_SERVICE_NOT_CONFIGURED: ["DVC đủ điều kiện toàn trình nhưng tỉnh chưa cấu hình TTHC", "Eligible service the province has not configured"],
  SERVICE_NOT_PARTIAL_ONLINE: ["DVC đủ điều kiện một phần nhưng chưa cung cấp trực tuyến", "Service eligible partly online not offered online"],
  PAYMENT_ENABLED_NO_TRANSACTION: ["Bật thanh toán trực tuyến nhưng chưa có giao dịch", "Online payment enabled, no transaction"],
  DOSSIER_NOT_ON_PORTAL: ["Hồ sơ chưa đồng bộ lên Cổng DVC quốc gia", "Dossier not on the national portal"],
  DOSSIER_UNKNOWN_TO_PROVINCE: ["Hồ sơ trên Cổng quốc gia không có ở tỉnh", "Portal dossier unknown to the province"],
  DOSSIER_STATUS_MISMATCH: ["Trạng thái hồ sơ không khớp", "Dossier status mismatch"],
  PAYMENT_UNKNOWN_DOSSIER: ["Giao dịch thanh toán của hồ sơ không tồn tại", "Payment for an unknown dossier"],
  PAYMENT_NOT_RECORDED: ["Thanh toán chưa được ghi nhận vào hồ sơ", "Payment not recorded on the dossier"],
  PAYMENT_MISSING_TRANSACTION: ["Hồ sơ ghi đã thanh toán nhưng không có giao dịch", "Paid dossier without a transaction"],
  PAYMENT_AMOUNT_MISMATCH: ["Số tiền thanh toán không khớp", "Payment amount mismatch"],
  CLOSED_BEFORE_RESULT: ["Đóng quy trình trước khi có kết quả", "Workflow closed before its result"],
  LATE_WITHOUT_APOLOGY: ["Trễ hạn không có văn bản xin lỗi", "Late without an apology"],
  APOLOGY_DATE_MISSED: ["Quá ngày hẹn mới trong văn bản xin lỗi", "Past the new date the apology promised"],
  ONLINE_SUBMITTED_BY_STAFF: ["Cán bộ nộp hộ hồ sơ trực tuyến", "Online dossier submitted by staff"],
  DUE_DATE_MISMATCH: ["Hạn giải quyết không đúng số ngày làm việc của TTHC", "Due date not the procedure's working days"],
  WORKFLOW_NOT_PUBLISHED: ["TTHC chưa công bố quy trình nội bộ, quy trình điện tử", "Procedure without published workflows"],
  NOT_AT_ONE_STOP_DESK: ["TTHC chưa tiếp nhận tại bộ phận một cửa", "Procedure not handled at the one-stop desks"],
  APP_NOT_CONNECTED_TO_LGSP: ["Ứng dụng chưa kết nối LGSP", "Application not connected to the LGSP"],
  NATIONAL_SERVICE_NOT_IN_USE: ["Dịch vụ NDXP chưa được sử dụng", "National data service not in use"],
  DATA_SERVICE_FAILING: ["Dịch vụ chia sẻ dữ liệu lỗi nhiều", "Data service failing"],
  FEEDBACK_NOT_HANDLED: ["Phản ánh, kiến nghị chưa được trả lời, công khai đúng hạn", "Feedback not answered and published on time"],
};

export const rules = Object.keys(names);
export const ruleName = (rule) => names[rule]?.[lang === "vi" ? 0 : 1] ?? rule;
