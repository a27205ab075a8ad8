package console

// settingsTexts are the words of the settings screen, the canned-response
// picker and the join card; texts embeds them, so they read as c.t.Save.
// TestSettingsTextsComplete checks both languages.
type settingsTexts struct {
	Settings, Profile, ProfileIntro, Tokens, TokensIntro, Sites, SitesIntro, Team, TeamIntro    string
	CannedTitle, CannedIntro, CannedInsert, CannedSearch, CannedKeys, CannedNone, CannedNoMatch string
	Shortcut, CannedName, CannedBody, NewCanned, EditCanned                                     string

	Name, YourName, ChangePassword, CurrentPassword, NewPassword, RepeatPassword string
	PasswordsDiffer, PasswordChanged, Saved                                      string
	Save, Cancel, Create, Add, Edit, Delete, Actions, Created                    string

	NewToken, TokenName, TokenShownOnce, NoTokens, Active, Revoked, Revoke string
	Copy, Copied, CopyFailed                                               string

	NewSite, SiteName, Origins, OriginsHint, Snippet, Colour, Position, Left, Right string
	Greeting, LauncherText, Locale, LocaleAuto, PreChat                             string

	Role, RoleOwner, RoleAdmin, RoleAgent, Enabled, Disabled, Enable, Disable string
	Invite, InviteHow, InviteByLink, InviteByPassword                         string
	InviteLinkOnce, InvitePasswordOnce                                        string

	JoinTitle, JoinIntro, Join, InviteUsed, InviteExpired, InviteUnknown, GoToSignIn string
}

var settingsEnglish = settingsTexts{
	Settings: "Settings", Profile: "Profile", ProfileIntro: "How your teammates and visitors see you, and your password.",
	Tokens: "API tokens", TokensIntro: "Tokens let scripts use the REST API as you. Keep them secret.",
	Sites: "Sites", SitesIntro: "The websites that show the chat widget, and how it looks on each.",
	Team: "Team", TeamIntro: "Everyone who answers chats. Invite teammates and choose what they may do.",
	CannedTitle: "Canned responses", CannedIntro: "Saved replies everyone inserts by typing / and the shortcut.",
	CannedInsert: "Insert a canned response", CannedSearch: "Search canned responses",
	CannedKeys:    "↑↓ to choose · Enter to insert · Esc to close",
	CannedNone:    "No canned responses yet. Owners and admins add them in Settings.",
	CannedNoMatch: "No canned response matches.",
	Shortcut:      "Shortcut", CannedName: "Title", CannedBody: "Reply", NewCanned: "New canned response", EditCanned: "Edit canned response",

	Name: "Name", YourName: "Your name", ChangePassword: "Change password", CurrentPassword: "Current password",
	NewPassword: "New password (10 characters or more)", RepeatPassword: "Repeat the password",
	PasswordsDiffer: "The two passwords differ.", PasswordChanged: "Your password has been changed.", Saved: "Saved.",
	Save: "Save", Cancel: "Cancel", Create: "Create", Add: "Add", Edit: "Edit", Delete: "Delete", Actions: "Actions", Created: "Created",

	NewToken: "New token", TokenName: "What is it for?", TokenShownOnce: "Copy your new token now: it is shown only once.",
	NoTokens: "No tokens yet.", Active: "Active", Revoked: "Revoked", Revoke: "Revoke",
	Copy: "Copy", Copied: "Copied", CopyFailed: "The browser would not copy. The text is selected: press Ctrl+C.",

	NewSite: "Add a site", SiteName: "Site name", Origins: "Allowed origins",
	OriginsHint: "One per line, such as https://shop.example. Only these pages may show the widget.",
	Snippet:     "Embed code: paste it before </body> on every page.", Colour: "Colour", Position: "Position",
	Left: "Bottom left", Right: "Bottom right", Greeting: "Greeting", LauncherText: "Launcher text", Locale: "Language",
	LocaleAuto: "Follow the visitor's browser", PreChat: "Ask for name and email before the chat starts",

	Role: "Role", RoleOwner: "Owner", RoleAdmin: "Admin", RoleAgent: "Agent", Enabled: "Active", Disabled: "Disabled",
	Enable: "Enable", Disable: "Disable", Invite: "Invite a teammate", InviteHow: "How they sign in",
	InviteByLink: "Send a one-time link (valid 7 days)", InviteByPassword: "Create the account with a password",
	InviteLinkOnce:     "Send this link to your teammate. It works once, for 7 days, and is shown only now.",
	InvitePasswordOnce: "The account is ready. Give your teammate this password; it is shown only now.",

	JoinTitle: "Join the team", JoinIntro: "You were invited as %s. Choose your name and a password.", Join: "Join",
	InviteUsed:    "This invite link has already been used. Sign in, or ask for a new invite.",
	InviteExpired: "This invite link has expired. Ask a teammate for a new one.",
	InviteUnknown: "This invite link is not valid. Check that you copied all of it.", GoToSignIn: "Go to sign in",
}

var settingsChinese = settingsTexts{
	Settings: "设置", Profile: "个人资料", ProfileIntro: "同事和访客看到的你，以及你的密码。",
	Tokens: "API 令牌", TokensIntro: "令牌让脚本以你的身份调用 REST API。请妥善保管。",
	Sites: "网站", SitesIntro: "显示聊天小部件的网站，以及它在每个网站上的样子。",
	Team: "团队", TeamIntro: "所有回复聊天的人。邀请同事并选择他们能做什么。",
	CannedTitle: "快捷回复", CannedIntro: "保存好的回复，输入 / 加快捷词即可插入。",
	CannedInsert: "插入快捷回复", CannedSearch: "搜索快捷回复",
	CannedKeys:    "↑↓ 选择 · Enter 插入 · Esc 关闭",
	CannedNone:    "还没有快捷回复。所有者和管理员可以在设置中添加。",
	CannedNoMatch: "没有匹配的快捷回复。",
	Shortcut:      "快捷词", CannedName: "标题", CannedBody: "回复内容", NewCanned: "新建快捷回复", EditCanned: "编辑快捷回复",

	Name: "姓名", YourName: "你的姓名", ChangePassword: "修改密码", CurrentPassword: "当前密码",
	NewPassword: "新密码（至少 10 个字符）", RepeatPassword: "再次输入密码",
	PasswordsDiffer: "两次输入的密码不一致。", PasswordChanged: "密码已修改。", Saved: "已保存。",
	Save: "保存", Cancel: "取消", Create: "创建", Add: "添加", Edit: "编辑", Delete: "删除", Actions: "操作", Created: "创建时间",

	NewToken: "新建令牌", TokenName: "用途", TokenShownOnce: "请立即复制新令牌：它只显示这一次。",
	NoTokens: "还没有令牌。", Active: "有效", Revoked: "已吊销", Revoke: "吊销",
	Copy: "复制", Copied: "已复制", CopyFailed: "浏览器拒绝复制。文字已选中，请按 Ctrl+C。",

	NewSite: "添加网站", SiteName: "网站名称", Origins: "允许的来源",
	OriginsHint: "每行一个，例如 https://shop.example。只有这些页面可以显示小部件。",
	Snippet:     "嵌入代码：粘贴到每个页面的 </body> 之前。", Colour: "颜色", Position: "位置",
	Left: "左下角", Right: "右下角", Greeting: "问候语", LauncherText: "启动按钮文字", Locale: "语言",
	LocaleAuto: "跟随访客的浏览器", PreChat: "聊天开始前询问姓名和邮箱",

	Role: "角色", RoleOwner: "所有者", RoleAdmin: "管理员", RoleAgent: "客服", Enabled: "已启用", Disabled: "已停用",
	Enable: "启用", Disable: "停用", Invite: "邀请同事", InviteHow: "登录方式",
	InviteByLink: "发送一次性链接（7 天内有效）", InviteByPassword: "用密码直接创建账号",
	InviteLinkOnce:     "把这个链接发给同事。它只能用一次，7 天内有效，并且只显示这一次。",
	InvitePasswordOnce: "账号已创建。把这个密码告诉同事；它只显示这一次。",

	JoinTitle: "加入团队", JoinIntro: "你以 %s 的身份受到邀请。请填写姓名并设置密码。", Join: "加入",
	InviteUsed:    "这个邀请链接已经用过了。请直接登录，或请同事重新邀请。",
	InviteExpired: "这个邀请链接已过期。请同事重新发送。",
	InviteUnknown: "这个邀请链接无效。请检查是否完整复制。", GoToSignIn: "前往登录",
}
