// The API answers every error as RFC 9457 problem+json whose detail starts with the field at fault
// ("userIds: must be a list of 1 to 1000 user ids"). ProblemError carries those members, and the field
// split out, so callers branch on data rather than on message text.

const FIELD_PREFIX = /^([A-Za-z][A-Za-z0-9_.[\]-]*): /;

export class ProblemError extends Error {
  constructor({ status, title, detail, type = 'about:blank', instance = null, field = null, retryAfterSeconds = null }) {
    super(detail ? `${status} ${title}: ${detail}` : `${status} ${title}`);
    this.name = 'ProblemError';
    this.status = status;
    this.title = title;
    this.detail = detail ?? null;
    this.type = type;
    this.instance = instance;
    this.field = field ?? fieldOf(detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The field a detail names, or null. */
export function fieldOf(detail) {
  const match = typeof detail === 'string' ? FIELD_PREFIX.exec(detail) : null;
  return match ? match[1] : null;
}

/** A ProblemError from a failed fetch Response, whether or not its body is problem+json. */
export async function problemFromResponse(response) {
  const text = await response.text().catch(() => '');
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  const problem = body !== null && typeof body === 'object' ? body : {};
  return new ProblemError({
    status: typeof problem.status === 'number' ? problem.status : response.status,
    title: typeof problem.title === 'string' ? problem.title : (response.statusText || `HTTP ${response.status}`),
    detail: typeof problem.detail === 'string' ? problem.detail : (text && !body ? text.slice(0, 500) : null),
    type: typeof problem.type === 'string' ? problem.type : 'about:blank',
    instance: typeof problem.instance === 'string' ? problem.instance : null,
    field: typeof problem.field === 'string' ? problem.field : null,
    retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
  });
}
