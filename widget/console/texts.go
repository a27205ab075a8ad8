package console

// texts holds every word the console shows, in one place, once per
// language: english and chinese. Every field must be set in both
// (TestTextsComplete). Formats use a single %s, filled by fill.
type texts struct {
	Lang string // the BCP 47 tag of <html lang>

	Title, SignInTitle, SignInIntro, Email, Password, SignIn, SigningIn string
	WrongPassword, Throttled, Unavailable, SessionEnded                 string

	Inbox, Views, Unassigned, Mine, AllOpen, Pending, Resolved string
	Conversations, Empty, EmptyResolved, Loading               string
	WaitingFirst, NewestFirst                                  string
	SignOut, You, Visitor, VisitorNo, Teammate                 string

	Open, Snoozed, Status, AssignToMe, AssignedToYou, AssignedTo string
	Unassign, Resolve, Reopen, NotAssigned, ActionFailed         string
	Pick, PickHint                                               string

	Reply, Note, ReplyTo, NotePlaceholder, Send, AddNote, Hint string
	InternalNote, Sending, NotSent, Retry, Older, Typing       string
	Today, Yesterday, Now                                      string
	DayFormat, YearFormat                                      string // time layouts for day separators this year and earlier

	Connecting, Reconnecting, BackOnline, Offline string

	// Presence, notifications, language and shortcuts (menu.go, help.go)
	Online, Away, Menu, Team, MyStatus                                    string
	Notifications, EnableNotifications, NotificationsOn, NotificationsOff string
	MuteSounds, NewConversation, NewMessage, Language                     string
	Shortcuts, Close, Then, KeyHelp, KeyNext, KeyPrev, KeyOpen            string
	KeyReply, KeyNote, KeyAssign, KeyResolve, KeyReopen, KeySearch        string
	KeyView, KeyEscape                                                    string
	settingsTexts                                                         // settings_texts.go
	SearchLabel, SearchPlaceholder, ClearSearch, SearchResults, Searching string
	SearchFailed, NoMatches, Found, EmptySnoozed, SoonestFirst, Until     string
	WakeWeek, WakeDate                                                    string // time layouts for a snooze's end this week and later
	// The conversation pane's sidebar, assignment, priority, tags, snooze,
	// viewing and delivery.
	Details, Verified, CurrentPage, Referrer, Direct                           string
	Browser, LocalTime, Attributes, PastConversations, NoPast, NotKnown        string
	AssignOther, AssignMenu, Priority, Low, Normal, High, Urgent, Tags, AddTag string
	RemoveTag, BadTag, SnoozeUntil, SnoozeMenu, InAnHour, TomorrowMorning      string
	NextMonday, CustomTime, SnoozeAction, SnoozedUntil, BadSnooze              string
	Viewing, ViewingMany, SentMark, SeenMark, BackToList, Unnamed              string
	ShortDayFormat                                                             string // time layout of a day in the snooze menu
}

var english = &texts{
	Lang:  "en",
	Title: "Parley", SignInTitle: "Sign in to Parley", SignInIntro: "Answer your visitors from one calm inbox.",
	Email: "Email", Password: "Password", SignIn: "Sign in", SigningIn: "Signing in…",
	WrongPassword: "Wrong email or password.", Throttled: "Too many attempts. Wait a minute, then try again.",
	Unavailable: "Parley is unavailable right now. Try again in a moment.", SessionEnded: "Your session ended. Sign in again.",

	Inbox: "Inbox", Views: "Inbox views", Unassigned: "Unassigned", Mine: "Your inbox", AllOpen: "All open",
	Pending: "Pending", Resolved: "Resolved", Conversations: "Conversations",
	WaitingFirst: "Longest waiting first", NewestFirst: "Newest first",
	Empty: "No conversations here. Nice work!", EmptyResolved: "Nothing resolved yet.", Loading: "Loading…",
	SignOut: "Sign out", You: "You", Visitor: "Visitor", VisitorNo: "Visitor #%s", Teammate: "a teammate",

	Open: "Open", Snoozed: "Snoozed", Status: "Status", AssignToMe: "Assign to me", AssignedToYou: "Assigned to you",
	AssignedTo: "Assigned to %s", Unassign: "Unassign", Resolve: "Resolve", Reopen: "Reopen",
	NotAssigned: "Unassigned", ActionFailed: "That change did not go through. Try again.",
	Pick: "Pick a conversation", PickHint: "Oldest waiting visitors are at the top of the list.",

	Reply: "Reply", Note: "Note", ReplyTo: "Reply to %s…", NotePlaceholder: "Write an internal note — only your team sees it…",
	Send: "Send", AddNote: "Add note", Hint: "Enter to send · Shift+Enter for a new line",
	InternalNote: "Internal note", Sending: "Sending…", NotSent: "Not sent.", Retry: "Retry",
	Older: "Loading earlier messages…", Typing: "%s is typing…",
	Today: "Today", Yesterday: "Yesterday", Now: "now",
	DayFormat: "Monday 2 January", YearFormat: "2 January 2006",

	Connecting: "Connecting…", Reconnecting: "Reconnecting… replies you send now go out when we are back.",
	BackOnline: "Back online", Offline: "Offline",

	Online: "Online", Away: "Away", Menu: "Your status and settings", Team: "Team", MyStatus: "Status",
	Notifications: "Notifications", EnableNotifications: "Enable desktop notifications",
	NotificationsOn: "Desktop notifications are on.", NotificationsOff: "This browser blocks notifications from Parley.",
	MuteSounds: "Mute sounds", NewConversation: "New conversation from %s", NewMessage: "New message from %s", Language: "Language",
	Shortcuts: "Keyboard shortcuts", Close: "Close", Then: "then", KeyHelp: "Show these shortcuts",
	KeyNext: "Next conversation", KeyPrev: "Previous conversation", KeyOpen: "Open the selected conversation",
	KeyReply: "Reply", KeyNote: "Write an internal note", KeyAssign: "Assign to me", KeyResolve: "Resolve",
	KeyReopen: "Reopen", KeySearch: "Search", KeyView: "Go to %s", KeyEscape: "Close menus and dialogs",
	settingsTexts: settingsEnglish,
	SearchLabel:   "Search conversations", SearchPlaceholder: "Search names, emails, messages", ClearSearch: "Clear search",
	SearchResults: "Search results", Searching: "Searching…", SearchFailed: "Search is unavailable right now. Try again.",
	NoMatches: "No conversation matches “%s”.", Found: "%s conversations found", EmptySnoozed: "Nothing snoozed.",
	SoonestFirst: "Waking soonest first", Until: "until %s", WakeWeek: "Mon 15:04", WakeDate: "2 Jan 15:04",
	Details:  "Visitor details",
	Verified: "Verified identity", CurrentPage: "Current page", Referrer: "Came from", Direct: "Direct visit",
	Browser: "Browser", LocalTime: "Local time", Attributes: "Attributes",
	PastConversations: "Previous conversations", NoPast: "No other conversations yet.", NotKnown: "Unknown",
	AssignOther: "Assign to…", AssignMenu: "Assign to another agent", Priority: "Priority",
	Low: "Low", Normal: "Normal", High: "High", Urgent: "Urgent", Tags: "Tags", AddTag: "Add tag",
	RemoveTag: "Remove tag %s", BadTag: "Tags are 1–32 letters, digits, spaces, - or _ (at most 10).",
	SnoozeUntil: "Snooze until…", SnoozeMenu: "Snooze until", InAnHour: "In 1 hour", TomorrowMorning: "Tomorrow 09:00",
	NextMonday: "Next Monday 09:00", CustomTime: "Pick a date and time", SnoozeAction: "Snooze",
	SnoozedUntil: "Snoozed until %s", BadSnooze: "Pick a time in the future.",
	Viewing: "%s is viewing", ViewingMany: "%s are viewing", SentMark: "Sent", SeenMark: "Seen",
	BackToList: "Back to the list", Unnamed: "No messages",
	ShortDayFormat: "Mon 2 Jan",
}

var chinese = &texts{
	Lang:  "zh-CN",
	Title: "Parley", SignInTitle: "登录 Parley", SignInIntro: "在一个安静的收件箱里回复所有访客。",
	Email: "邮箱", Password: "密码", SignIn: "登录", SigningIn: "正在登录…",
	WrongPassword: "邮箱或密码错误。", Throttled: "尝试次数过多。请等一分钟再试。",
	Unavailable: "Parley 暂时无法使用，请稍后再试。", SessionEnded: "会话已结束，请重新登录。",

	Inbox: "收件箱", Views: "收件箱视图", Unassigned: "未分配", Mine: "我的会话", AllOpen: "全部进行中",
	Pending: "待处理", Resolved: "已解决", Conversations: "会话",
	WaitingFirst: "等待最久的在前", NewestFirst: "最新的在前",
	Empty: "这里没有会话。干得好！", EmptyResolved: "还没有已解决的会话。", Loading: "正在加载…",
	SignOut: "退出登录", You: "你", Visitor: "访客", VisitorNo: "访客 #%s", Teammate: "一位同事",

	Open: "进行中", Snoozed: "已推迟", Status: "状态", AssignToMe: "分配给我", AssignedToYou: "已分配给你",
	AssignedTo: "已分配给 %s", Unassign: "取消分配", Resolve: "解决", Reopen: "重新打开",
	NotAssigned: "未分配", ActionFailed: "操作没有成功，请重试。",
	Pick: "选择一个会话", PickHint: "等待最久的访客排在列表最上面。",

	Reply: "回复", Note: "备注", ReplyTo: "回复 %s…", NotePlaceholder: "写一条内部备注——只有你的团队能看到…",
	Send: "发送", AddNote: "添加备注", Hint: "Enter 发送 · Shift+Enter 换行",
	InternalNote: "内部备注", Sending: "正在发送…", NotSent: "未发送。", Retry: "重试",
	Older: "正在加载更早的消息…", Typing: "%s 正在输入…",
	Today: "今天", Yesterday: "昨天", Now: "刚刚",
	DayFormat: "1月2日", YearFormat: "2006年1月2日",

	Connecting: "正在连接…", Reconnecting: "正在重新连接… 现在发送的回复会在恢复连接后发出。",
	BackOnline: "已恢复连接", Offline: "离线",

	Online: "在线", Away: "离开", Menu: "你的状态和设置", Team: "团队", MyStatus: "状态",
	Notifications: "通知", EnableNotifications: "开启桌面通知",
	NotificationsOn: "桌面通知已开启。", NotificationsOff: "此浏览器已阻止 Parley 的通知。",
	MuteSounds: "静音", NewConversation: "%s 发起了新会话", NewMessage: "%s 发来新消息", Language: "语言",
	Shortcuts: "键盘快捷键", Close: "关闭", Then: "然后", KeyHelp: "显示快捷键",
	KeyNext: "下一个会话", KeyPrev: "上一个会话", KeyOpen: "打开选中的会话",
	KeyReply: "回复", KeyNote: "写内部备注", KeyAssign: "分配给我", KeyResolve: "解决",
	KeyReopen: "重新打开", KeySearch: "搜索", KeyView: "转到“%s”", KeyEscape: "关闭菜单和对话框",
	settingsTexts: settingsChinese,
	SearchLabel:   "搜索会话", SearchPlaceholder: "搜索姓名、邮箱、消息", ClearSearch: "清除搜索",
	SearchResults: "搜索结果", Searching: "正在搜索…", SearchFailed: "暂时无法搜索，请重试。",
	NoMatches: "没有与“%s”匹配的会话。", Found: "找到 %s 个会话", EmptySnoozed: "没有已推迟的会话。",
	SoonestFirst: "最先恢复的在前", Until: "至 %s", WakeWeek: "1月2日 15:04", WakeDate: "1月2日 15:04",
	Details:  "访客信息",
	Verified: "已验证身份", CurrentPage: "当前页面", Referrer: "来源", Direct: "直接访问",
	Browser: "浏览器", LocalTime: "当地时间", Attributes: "自定义属性",
	PastConversations: "以往会话", NoPast: "还没有其他会话。", NotKnown: "未知",
	AssignOther: "分配给…", AssignMenu: "分配给其他客服", Priority: "优先级",
	Low: "低", Normal: "普通", High: "高", Urgent: "紧急", Tags: "标签", AddTag: "添加标签",
	RemoveTag: "移除标签 %s", BadTag: "标签为 1–32 个字母、数字、空格、- 或 _（最多 10 个）。",
	SnoozeUntil: "推迟到…", SnoozeMenu: "推迟到", InAnHour: "1 小时后", TomorrowMorning: "明天 09:00",
	NextMonday: "下周一 09:00", CustomTime: "选择日期和时间", SnoozeAction: "推迟",
	SnoozedUntil: "推迟到 %s", BadSnooze: "请选择一个将来的时间。",
	Viewing: "%s 正在查看", ViewingMany: "%s 正在查看", SentMark: "已发送", SeenMark: "已读",
	BackToList: "返回列表", Unnamed: "没有消息",
	ShortDayFormat: "1月2日",
}

// textsFor picks the console's language from the browser's preferred
// languages: Chinese for any zh tag, else English.
func textsFor(langs []string) *texts {
	for _, l := range langs {
		switch {
		case len(l) >= 2 && (l[:2] == "zh" || l[:2] == "ZH"):
			return chinese
		case len(l) >= 2 && (l[:2] == "en" || l[:2] == "EN"):
			return english
		}
	}
	return english
}
