/** One problem found in input: where it is (field path, or file/row/column for files) and why, in Chinese and English. */
export interface Issue {
  path: (string | number)[];
  message: string;
  messageEn?: string;
  file?: string;
  row?: number;
  column?: string;
  value?: unknown;
  code?: string;
}

/** Typed domain errors; the server maps each to an HTTP status in one place. */
export class DomainError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal';
  constructor(
    message: string,
    readonly messageEn?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  override readonly status = 400;
  override readonly code = 'validation';
  constructor(
    readonly issues: Issue[],
    message = issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
    messageEn?: string,
  ) {
    super(message, messageEn);
  }
}

export class NotFoundError extends DomainError {
  override readonly status = 404;
  override readonly code = 'not_found';
  constructor(what = '资源', whatEn = 'resource') {
    super(`${what}不存在`, `${whatEn} not found`);
  }
}

export class ForbiddenError extends DomainError {
  override readonly status = 403;
  override readonly code = 'forbidden';
  constructor(message = '无权执行此操作', messageEn = 'forbidden') {
    super(message, messageEn);
  }
}

export class UnauthorizedError extends DomainError {
  override readonly status = 401;
  override readonly code = 'unauthorized';
  constructor(message = '请先登录', messageEn = 'login required') {
    super(message, messageEn);
  }
}

export class ConflictError extends DomainError {
  override readonly status = 409;
  override readonly code = 'conflict';
}
