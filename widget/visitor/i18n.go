package visitor

import (
	"strconv"
	"strings"
)

// texts holds the widget's words in one language.
type texts struct {
	Online, Away, Connecting, Reconnecting, BackOnline       string
	Placeholder, Send, Close, Emoji, Message, Messages       string
	Sending, Sent, Read, Failed, Retry, Typing, You          string
	Today, Yesterday, Older, PrechatTitle, PrechatIntro      string
	Name, Email, Start, AwayNote, EmailForReply, Save, Saved string
	Unavailable                                              string
}

var english = &texts{
	Online: "Online — replies in about %s", Away: "Away — we reply by email",
	Connecting: "Connecting…", Reconnecting: "Reconnecting… your messages will be sent when we are back",
	BackOnline: "Back online", Placeholder: "Write a message…", Send: "Send", Close: "Close chat",
	Emoji: "Insert emoji", Message: "Message", Messages: "Conversation", Sending: "Sending…", Sent: "Sent",
	Read: "Read", Failed: "Not sent.", Retry: "Retry", Typing: "%s is typing…", You: "You",
	Today: "Today", Yesterday: "Yesterday", Older: "Loading earlier messages…",
	PrechatTitle: "Before we start", PrechatIntro: "So we can follow up if you leave, tell us who you are.",
	Name: "Name", Email: "Email", Start: "Start chatting",
	AwayNote:      "We're away right now. Leave a message and your email, and we'll reply there.",
	EmailForReply: "Your email for our reply", Save: "Save", Saved: "We'll email you at %s",
	Unavailable: "Chat is unavailable on this page right now.",
}

var chinese = &texts{
	Online: "在线 — 通常在 %s 内回复", Away: "暂时离开 — 我们会通过邮件回复",
	Connecting: "正在连接…", Reconnecting: "正在重新连接… 恢复后将发送您的消息",
	BackOnline: "已重新连接", Placeholder: "输入消息…", Send: "发送", Close: "关闭聊天",
	Emoji: "插入表情", Message: "消息", Messages: "对话", Sending: "发送中…", Sent: "已发送",
	Read: "已读", Failed: "发送失败。", Retry: "重试", Typing: "%s 正在输入…", You: "您",
	Today: "今天", Yesterday: "昨天", Older: "正在加载更早的消息…",
	PrechatTitle: "开始之前", PrechatIntro: "留下您的联系方式，方便我们跟进。",
	Name: "姓名", Email: "邮箱", Start: "开始聊天",
	AwayNote:      "我们暂时不在线。请留言并留下邮箱，我们会通过邮件回复。",
	EmailForReply: "用于接收回复的邮箱", Save: "保存", Saved: "我们将回复到 %s",
	Unavailable: "此页面暂时无法使用聊天。",
}

// textsFor picks the language: the site's setting, else the browser's.
func textsFor(siteLocale, browser string) (*texts, string) {
	l := siteLocale
	if l == "" {
		l = browser
	}
	if strings.HasPrefix(strings.ToLower(l), "zh") {
		return chinese, "zh"
	}
	return english, "en"
}

// replyTime says "N minutes" in the language.
func replyTime(lang string, seconds int) string {
	minutes := max(1, (seconds+59)/60)
	if lang == "zh" {
		return strconv.Itoa(minutes) + " 分钟"
	}
	if minutes == 1 {
		return "1 min"
	}
	return strconv.Itoa(minutes) + " min"
}

// fill replaces the first %s in format with v.
func fill(format, v string) string { return strings.Replace(format, "%s", v, 1) }
