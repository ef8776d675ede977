import { ProviderError } from './provider-error';

/** How one caller parameter reaches the upstream, when not verbatim. */
export interface ParamRule {
  /** Upstream name. If the caller also sent a parameter by this name, the caller's value wins. */
  to?: string;
  transform?: (value: unknown) => unknown;
}

/** An adapter's parameter handling for one endpoint, as data. */
export interface ParamSpec {
  /** Parameters the upstream accepts: '*' = all of them (it speaks the same protocol). */
  supported: '*' | readonly string[];
  rules?: Readonly<Record<string, ParamRule>>;
}

/**
 * Request fields the gateway itself consumes; never sent upstream.
 * `drop_params: true` (LiteLLM's name for it): drop unsupported parameters instead of a 400.
 */
export const GATEWAY_ONLY_PARAMS: readonly string[] = ['drop_params'];

/**
 * Applies a `ParamSpec` to a request body: strips gateway-only fields, renames and transforms,
 * and rejects a parameter the upstream does not support with a clear 400 (`unsupported`)
 * unless the caller sent `drop_params: true`. Never clamps a value silently.
 */
export function mapParams(
  body: Readonly<Record<string, unknown>>,
  spec: ParamSpec,
  provider: string,
): Record<string, unknown> {
  const dropUnsupported = body.drop_params === true;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || GATEWAY_ONLY_PARAMS.includes(name)) continue;
    if (spec.supported !== '*' && !spec.supported.includes(name)) {
      if (dropUnsupported) continue;
      throw new ProviderError(
        'unsupported',
        `Unsupported parameter: '${name}' is not supported by provider '${provider}'. ` +
          `Remove it, or send 'drop_params': true to have the gateway drop unsupported parameters.`,
        { param: name, code: 'unsupported_parameter' },
      );
    }
    const rule = spec.rules?.[name];
    if (rule?.to && rule.to !== name && body[rule.to] !== undefined) continue;
    out[rule?.to ?? name] = rule?.transform ? rule.transform(value) : value;
  }
  return out;
}
