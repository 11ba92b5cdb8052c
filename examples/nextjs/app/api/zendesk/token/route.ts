import {handleToken} from '@/lib/zendesk-auth';

export const POST = handleToken;
