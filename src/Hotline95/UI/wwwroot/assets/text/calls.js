// Texts of the call records page (/calls) added with paging and links from tickets and complaints: [中文, English].
hotline95.define({
  "calls.dir.In": ["呼入", "In"],
  "calls.dir.Out": ["呼出", "Out"],
  "calls.newTicket": ["建工单", "New ticket"],
  "calls.newComplaint": ["转投诉", "File a complaint"],
  "calls.onlyCall": ["只显示通话 #{id}。", "Showing call #{id} only."],
  "calls.showAll": ["显示全部通话", "Show all calls"],
  "calls.noneHelp": ["未找到通话记录。可放宽查找条件（号码、线路、日期、结果）。", "No calls found. Widen the search (number, line, dates, outcome)."],
});
