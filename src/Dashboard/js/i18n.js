// Vietnamese first, English on request; the choice is kept in local storage (it is not a secret).
// KPI names come from the file the scorecard uses too (bundled by esbuild).
import kpiNames from "../../Contracts/Labels/kpi-names.json";

const strings = {
  vi: {
    title: "Trung tâm tích hợp", signIn: "Đăng nhập", signOut: "Đăng xuất", apiKey: "Khóa API",
    signInHelp: "Nhập khóa API do bộ phận công nghệ thông tin của tỉnh cấp. Khóa chỉ được giữ trong thẻ trình duyệt này.",
    badKey: "Khóa không hợp lệ hoặc đã bị thu hồi.", overview: "Tổng quan", findings: "Phát hiện", runs: "Lần đồng bộ",
    admin: "Quản trị (toàn tỉnh)", agencyKey: "Cơ quan", period: "Kỳ", province: "Toàn tỉnh",
    kpisAgainstTargets: "Chỉ tiêu so với mục tiêu Kế hoạch", trend: "Diễn biến theo tháng", scores: "Điểm Bộ chỉ số 766 (ước tính)",
    agencies: "Cơ quan, đơn vị", agency: "Cơ quan", level: "Cấp", connection: "Kết nối LGSP", kpisMet: "Chỉ tiêu đạt",
    openFindings: "Phát hiện đang mở", score: "Điểm 766", kpi: "Chỉ tiêu", value: "Kết quả", target: "Mục tiêu", met: "Đạt",
    numerator: "Tử số", denominator: "Mẫu số", yes: "Đạt", no: "Chưa đạt", none: "—", sources: "Nguồn dữ liệu",
    source: "Nguồn", state: "Trạng thái", lastSuccess: "Thành công gần nhất", lag: "Độ trễ dữ liệu", applications: "Ứng dụng kết nối LGSP",
    application: "Ứng dụng", dataServices: "Dịch vụ chia sẻ dữ liệu", role: "Vai trò", failureShare: "Tỷ lệ lỗi",
    services: "Thủ tục hành chính", procedure: "Thủ tục", dossiers: "Hồ sơ", onlineShare: "Tỷ lệ trực tuyến",
    paidOnlineShare: "Tỷ lệ thanh toán trực tuyến", fullOnline: "Toàn trình", rule: "Quy tắc", subject: "Đối tượng",
    status: "Tình trạng", firstSeen: "Phát hiện lần đầu", lastSeen: "Thấy lần cuối", all: "Tất cả", open: "Đang mở",
    resolved: "Đã khắc phục", filter: "Lọc", more: "Xem thêm", run: "Lần chạy", started: "Bắt đầu", duration: "Thời gian",
    records: "Bản ghi", outcome: "Kết quả", error: "Lỗi", loading: "Đang tải…", nothing: "Không có dữ liệu.",
    forbidden: "Khóa này không được xem cơ quan này.", points: "Điểm tối đa", group: "Nhóm tiêu chí", scorecard: "Tải bảng điểm", showAll: "Xem tất cả", seeFindings: "Xem phát hiện",
    Healthy: "Hoạt động tốt", Degraded: "Suy giảm", Down: "Mất kết nối", Unknown: "Chưa rõ",
    Connected: "Đã kết nối", Partial: "Kết nối một phần", NotConnected: "Chưa kết nối", Failing: "Lỗi nhiều", Idle: "Không có lưu lượng",
    Succeeded: "Thành công", Failed: "Thất bại", Running: "Đang chạy", Queued: "Đang chờ", Abandoned: "Bị bỏ dở", NotStarted: "Chưa chạy",
    Province: "Tỉnh", Department: "Sở, ngành", District: "Huyện", Commune: "Xã",
    motcua: "Hệ thống một cửa điện tử", portal: "Cổng DVC quốc gia", lgsp: "Nền tảng LGSP",
    dueReview: "Hồ sơ quá hạn, sắp đến hạn (7 ngày)", dossier: "Hồ sơ", due: "Hạn giải quyết", handler: "Cán bộ xử lý",
    overdue: "Quá hạn", dueSoon: "Sắp đến hạn", waiting: "Chờ bổ sung",
  },
  en: {
    title: "Integration Hub", signIn: "Sign in", signOut: "Sign out", apiKey: "API key",
    signInHelp: "Enter the API key the provincial ICT department issued you. It is kept in this browser tab only.",
    badKey: "The key is not valid or has been revoked.", overview: "Overview", findings: "Findings", runs: "Sync runs",
    admin: "ICT staff (province)", agencyKey: "Agency", period: "Period", province: "Province",
    kpisAgainstTargets: "KPIs against the plan's targets", trend: "Month by month", scores: "Decision 766 scores (estimate)",
    agencies: "Agencies", agency: "Agency", level: "Level", connection: "LGSP connection", kpisMet: "KPIs met",
    openFindings: "Open findings", score: "766 score", kpi: "KPI", value: "Value", target: "Target", met: "Met",
    numerator: "Numerator", denominator: "Denominator", yes: "Met", no: "Not met", none: "—", sources: "Sources",
    source: "Source", state: "State", lastSuccess: "Last success", lag: "Data lag", applications: "LGSP applications",
    application: "Application", dataServices: "Data services", role: "Role", failureShare: "Failure share",
    services: "Procedures", procedure: "Procedure", dossiers: "Dossiers", onlineShare: "Online share",
    paidOnlineShare: "Paid online", fullOnline: "Full online", rule: "Rule", subject: "Subject",
    status: "Status", firstSeen: "First seen", lastSeen: "Last seen", all: "All", open: "Open",
    resolved: "Resolved", filter: "Filter", more: "More", run: "Run", started: "Started", duration: "Duration",
    records: "Records", outcome: "Outcome", error: "Error", loading: "Loading…", nothing: "Nothing to show.",
    forbidden: "This key may not read this agency.", points: "Full points", group: "Group", scorecard: "Download scorecard", showAll: "Show all", seeFindings: "See findings",
    Healthy: "Healthy", Degraded: "Degraded", Down: "Down", Unknown: "Unknown",
    Connected: "Connected", Partial: "Partly connected", NotConnected: "Not connected", Failing: "Failing", Idle: "Idle",
    Succeeded: "Succeeded", Failed: "Failed", Running: "Running", Queued: "Queued", Abandoned: "Abandoned", NotStarted: "Not started",
    Province: "Province", Department: "Department", District: "District", Commune: "Commune",
    motcua: "Provincial case system", portal: "National portal", lgsp: "LGSP platform",
    dueReview: "Dossiers overdue and due within 7 days", dossier: "Dossier", due: "Due", handler: "Handler",
    overdue: "Overdue", dueSoon: "Due soon", waiting: "Waiting for the applicant",
  },
};

const storageKey = "hub.lang";
export let lang = localStorage.getItem(storageKey) === "en" ? "en" : "vi";

export function setLang(value) {
  lang = value === "en" ? "en" : "vi";
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang;
}

export const t = (key) => strings[lang][key] ?? key;
export const kpiName = (kpi) => kpiNames[lang][kpi] ?? kpi;
const locale = () => (lang === "vi" ? "vi-VN" : "en-GB");

export const percent = (value) =>
  value === null || value === undefined ? t("none") : new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(value);
export const number = (value, digits = 0) =>
  value === null || value === undefined ? t("none") : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
export const dateTime = (value) =>
  value ? new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(value)) : t("none");
export const duration = (ms) => (ms === null || ms === undefined ? t("none") : `${number(ms / 1000, 1)} s`);
