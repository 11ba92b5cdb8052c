// The headless app on the script-tag bundle's global.
window.__startApp(window.ZendeskMessagingAuth);
