import {handleRefresh} from '@/lib/zendesk-auth';

export const POST = handleRefresh;
