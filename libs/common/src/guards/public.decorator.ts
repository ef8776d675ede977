import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'llmgw:isPublic';
/** Marks a route as open to anyone. Every other route needs the global JWT guard to pass. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
