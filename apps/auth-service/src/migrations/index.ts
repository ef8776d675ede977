import { AuthSchema1763800000000 } from './1763800000000-auth-schema';

/** In order. Listed explicitly: no globs. */
export const authMigrations = [AuthSchema1763800000000];
