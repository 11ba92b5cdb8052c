import {createContext} from 'react';
import type {AuthStore} from './auth-store.js';

/**
`undefined`: no provider above (a mistake, reported by useMessagingAuth). `null`: inside a provider whose instance does
not exist yet (server rendering, hydration, the first client render before the provider's effect ran).
*/
export const MessagingAuthContext = createContext<AuthStore | null | undefined>(undefined);
MessagingAuthContext.displayName = 'MessagingAuthContext';
