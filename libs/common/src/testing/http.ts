/** A JSON answer from a service under test: status, parsed body (null when empty) and the raw text. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface JsonRequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, as `application/json` (to send malformed JSON). */
  rawBody?: string;
}

/** One HTTP request with real fetch, JSON in and out. */
export async function jsonRequest<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: JsonRequestOptions = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text, headers: res.headers };
}

export interface TestAccount {
  email: string;
  password: string;
}

/** What auth-service answers to a login. */
export interface LoginSession {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
  user: { id: string; email: string; role: string; teamId: string | null };
}

/** Logs in at auth-service (its URL); anything but a 200 fails the test with what it answered. */
export async function loginAs(authUrl: string, account: TestAccount): Promise<LoginSession> {
  const res = await jsonRequest<LoginSession>(authUrl, 'POST', '/auth/login', { body: account });
  if (res.status !== 200) throw new Error(`Login as ${account.email} answered ${res.status}: ${res.text}`);
  return res.body;
}

export interface NewTestUser extends TestAccount {
  role?: 'admin' | 'user';
  teamId?: string | null;
}

/** An admin creates a user at auth-service; anything but a 201 fails the test. Returns the created user. */
export async function createUser(
  authUrl: string,
  adminToken: string,
  user: NewTestUser,
): Promise<{ id: string; email: string; role: string; teamId: string | null }> {
  const res = await jsonRequest(authUrl, 'POST', '/auth/users', { token: adminToken, body: user });
  if (res.status !== 201) throw new Error(`Creating user ${user.email} answered ${res.status}: ${res.text}`);
  return res.body;
}
