// The dashboard.
hotline95.define({
  "dash.title": ["工作台 · Hotline95", "Dashboard · Hotline95"],
  "dash.heading": ["工作台", "Dashboard"],
  "dash.lines": ["95号码线路", "95 lines"],
  "dash.linesEmpty": ["暂无线路。管理员可通过 “hotline95 lines add” 添加。", "No lines yet. An administrator adds them with “hotline95 lines add”."],
  "dash.today": ["今日", "Today"],
  "dash.calendar": ["节假日安排", "Holiday calendar"],
  "dash.calendarText": ["估算年份仅按法定节假日及补假计算；国务院通知由管理员在服务器上加载（hotline95 calendar load）。",
    "Estimated years count only the statutory holidays and days off in lieu; an administrator loads the State Council notice on the server (hotline95 calendar load)."],
  "enum.CalendarSource.embedded": ["国务院通知（内置）", "State Council notice (shipped)"],
  "enum.CalendarSource.loaded": ["国务院通知（已加载）", "State Council notice (loaded)"],
  "enum.CalendarSource.estimated": ["估算：尚无通知", "estimated: no notice yet"],
  "dash.workday": ["工作日", "working day"],
  "dash.offday": ["休息日", "day off"],
});
