import * as Joi from 'joi';

export interface LoginBody {
  email: string;
  password: string;
}

export const loginSchema = Joi.object<LoginBody>({
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(320).required(),
  password: Joi.string().min(1).max(1024).required(),
});

export interface RefreshTokenBody {
  refreshToken: string;
}

export const refreshTokenSchema = Joi.object<RefreshTokenBody>({
  refreshToken: Joi.string().min(1).max(512).required(),
});
