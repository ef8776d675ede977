import { ConfigurationSchema1795324509284 } from './1795324509284-configuration-schema';

/** configuration-service's migrations, oldest first. Add new ones at the end. */
export const configurationMigrations = [ConfigurationSchema1795324509284];
