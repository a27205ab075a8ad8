// Package consoletest drives the agent console in headless Chromium
// against a real in-process node: an agent signs in through the UI and
// answers a visitor who chats over the native client (widget/conn). It
// reuses the Chromium harness of server/browsertest and builds the
// console's assets into its own folder, so that it never races the widget
// suite over static/dist. See /work/shared/testing.md, level "browser".
package consoletest
