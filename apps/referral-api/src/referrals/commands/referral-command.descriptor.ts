import type { CommandResult, IdGenerator, ReferralAction, Role } from '@app/application';
import type { IntakePolicy, ReferralCommand } from '@app/referral-domain';

/** What a command's mapping is given: the route's path parameters, the validated body, now, and ids. */
export type CommandInput<Request> = {
  params: Record<string, string>;
  body: Request;
  now: string;
  ids: IdGenerator;
};

type DescriptorBase<Request> = {
  /** OpenAPI operationId and the name the authorisation matrix reports. */
  operationId: string;
  /** One line for the OpenAPI summary. */
  summary: string;
  tag: 'referrals' | 'handoffs' | 'records management';
  method: 'post';
  /** Express-style path, e.g. `v1/referrals/:id/accept`; every `:param` must be a UUID. */
  path: string;
  /** Roles allowed to call the route at all (401/403 at the edge); the access action decides per referral. */
  roles: readonly Role[];
  /** The class-validator class of the body. */
  request: new () => Request;
  /** A valid body, for the OpenAPI example and the authorisation-matrix test. */
  example: Record<string, unknown>;
};

/** A command on an existing referral, `:id` in the path. */
export type UpdateDescriptor<Request> = DescriptorBase<Request> & {
  kind: 'update';
  action: Exclude<ReferralAction, 'create' | 'read' | 'read_history'>;
  status: 200 | 202;
  command: (input: CommandInput<Request>) => ReferralCommand;
  /** The response body, when it is more than `{ id, version, status }`. */
  respond?: (result: CommandResult, command: ReferralCommand) => Record<string, unknown>;
};

/** Receiving a referral: idempotent create, 201 when created and 200 when the same request was seen. */
export type CreateDescriptor<Request> = DescriptorBase<Request> & {
  kind: 'create';
  action: 'create';
  /** The new referral's id: given in the body, or made here. */
  referralId: (body: Request, ids: IdGenerator) => string;
  command: (input: CommandInput<Request> & { referralId: string; intake: IntakePolicy }) => ReferralCommand;
};

export type CommandDescriptor<Request = unknown> = UpdateDescriptor<Request> | CreateDescriptor<Request>;

/** Types one descriptor against its request class (the table holds many request types). */
export function describe<Request>(descriptor: CommandDescriptor<Request>): CommandDescriptor {
  return descriptor as unknown as CommandDescriptor;
}

/** The `:name` parameters of a path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}
