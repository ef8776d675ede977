import { Module } from '@nestjs/common';
import { ConfigChangedListener } from './config-changed.listener';
import { ModelCatalog } from './model-catalog.service';

@Module({ controllers: [ConfigChangedListener], providers: [ModelCatalog], exports: [ModelCatalog] })
export class ModelCatalogModule {}
