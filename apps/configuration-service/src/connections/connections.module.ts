import { Module } from '@nestjs/common';
import { ENV, SecretBox, type EncryptionEnv } from '@llmgw/common';
import { ConfigSnapshotModule } from '../config-snapshot/config-snapshot.module';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';

@Module({
  imports: [ConfigSnapshotModule],
  controllers: [ConnectionsController],
  providers: [
    ConnectionsService,
    { provide: SecretBox, inject: [ENV], useFactory: (env: EncryptionEnv) => new SecretBox(env.CONFIG_ENCRYPTION_KEY) },
  ],
})
export class ConnectionsModule {}
