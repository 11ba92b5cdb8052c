/*
The script-tag bundle's entry: the same names as the ES module, on window.ZendeskMessagingAuth.
*/
export {createMessagingAuth, MessagingAuthError, isMessagingAuthError} from './index.js';
