import {handleLogout} from '@/lib/zendesk-auth';

export const POST = handleLogout;
