import * as Joi from 'joi';
import type { UserRole } from '@llmgw/common';

export const USER_ROLES: readonly UserRole[] = ['admin', 'user'];
export const PASSWORD_MIN_LENGTH = 8;

export const emailSchema = Joi.string().trim().lowercase().email({ tlds: false }).max(320);
const passwordSchema = Joi.string().min(PASSWORD_MIN_LENGTH).max(1024);

export interface CreateUserBody {
  email: string;
  password: string;
  role: UserRole;
  teamId: string | null;
}

export const createUserSchema = Joi.object<CreateUserBody>({
  email: emailSchema.required(),
  password: passwordSchema.required(),
  role: Joi.string()
    .valid(...USER_ROLES)
    .default('user'),
  teamId: Joi.string().uuid().allow(null).default(null),
});

export interface UpdateUserBody {
  role?: UserRole;
  teamId?: string | null;
  active?: boolean;
  password?: string;
}

export const updateUserSchema = Joi.object<UpdateUserBody>({
  role: Joi.string().valid(...USER_ROLES),
  teamId: Joi.string().uuid().allow(null),
  active: Joi.boolean(),
  password: passwordSchema,
})
  .min(1)
  .messages({ 'object.min': 'Give at least one of role, teamId, active, password' });
