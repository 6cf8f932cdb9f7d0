import { DeciderStore, EventStoreUnavailableError, WrongExpectedVersionError } from '@app/event-store';
import type { Loaded } from '@app/event-store';
import { ReferralRuleError, referralDecider, referralStreamName } from '@app/referral-domain';
import type {
  ReceiveReferral,
  Referral,
  ReferralCommand,
  TransferReferral,
  YoungPerson,
} from '@app/referral-domain';
import { authorizeReferral } from './access-policy';
import { boundSource } from './organisation-binding';
import { SINGLE_TEAM, knownTeams, teamOfReferral, teamsOf } from './teams';
import type { TeamRouting } from './teams';
import { checkBackdating } from './backdating';
import type { BackdatedCorrection, BackdatingPolicy } from './backdating';
import type { ReferralAccess, ReferralAction } from './access-policy';
import type { Actor } from './actor';
import type { Clock, IdGenerator } from './clock';
import { actorOf, isSameRequest, metadataFrom } from './origin';
import type { Origin } from './origin';
import { Problem, Problems } from './problem';

/** What a command did: the referral, its new version and status. */
export type CommandResult = { id: string; version: number; status: string };

/** The outcome of receiving a referral: `created` is false when the same request was already received. */
export type ReceiveResult = CommandResult & { created: boolean };

/** How a command ended, for metrics: applied, no_change, stale, conflict, forbidden, rule_broken... */
export type CommandOutcome =
  | 'applied'
  | 'no_change'
  | 'already_exists'
  | 'stale'
  | 'conflict'
  | 'not_found'
  | 'rule_broken'
  | 'forbidden'
  | 'unavailable'
  | 'error';

export type ReferralApplicationDeps = {
  deciderStore: DeciderStore;
  clock: Clock;
  ids: IdGenerator;
  /** Destroys a referral's data key (crypto-shredding) once its erasure is recorded. */
  personalDataKeys: { erase(referralId: string): Promise<void> };
  /** Which team receives a referral (default: one team for everything). */
  teams?: TeamRouting;
  /** How far back callers may date what happened (default: without bound). */
  backdating?: BackdatingPolicy;
  /** Told how every command ended (metrics). */
  onCommand?: (command: ReferralCommand['type'], outcome: CommandOutcome) => void;
};

export type HandleOptions = {
  /** The version the caller last saw (HTTP If-Match); a stale one is answered 412. */
  expectedVersion?: number;
  /** A further check on the loaded referral before deciding (e.g. a resent Kafka message). */
  guard?: (loaded: Loaded<Referral>) => void;
};

/**
 * The use cases every driving adapter calls (HTTP controllers, the Kafka gateway, the retention job):
 * load the referral, check the caller may act on it, decide, and append with event metadata built
 * from where the command came from. No framework and no transport here.
 */
export class ReferralApplication {
  constructor(private readonly deps: ReferralApplicationDeps) {}

  /** Handles a command on an existing referral. `build` receives the clock's now. */
  async handle(
    origin: Origin,
    action: ReferralAction,
    build: (now: string) => ReferralCommand,
    options: HandleOptions = {},
  ): Promise<CommandResult & { state: Referral }> {
    const command = await this.withOtherReferral(build(this.deps.clock.now()));
    const result = await this.decide(origin, action, command, options.expectedVersion, options.guard);
    // Recorded first, then the key destroyed: a crash between the two is finished by the retention
    // job, which destroys keys of referrals already marked erased.
    if (command.type === 'ErasePersonalData') await this.deps.personalDataKeys.erase(command.referralId);
    return result;
  }

  /**
   * Receives a referral: creating is idempotent on the id. The same request again (same caller and
   * body over HTTP; same source system, message id and content over Kafka) returns the referral with
   * `created: false`; anything else with that id is refused with REFERRAL.ALREADY_EXISTS.
   */
  async receive(
    origin: Origin,
    referralId: string,
    build: (now: string) => ReferralCommand,
  ): Promise<ReceiveResult> {
    try {
      const command = build(this.deps.clock.now());
      const bound =
        command.type === 'ReceiveReferral'
          ? await this.withPreviousReferral({
              ...command,
              source: boundSource(actorOf(origin), command.source),
            })
          : command;
      const result = await this.decide(origin, 'create', bound, 'no_stream');
      return { id: result.id, version: result.version, status: result.status, created: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const { state, version, events } = await this.deps.deciderStore.load(
        referralDecider,
        referralStreamName(referralId),
      );
      if (!isSameRequest(origin, events[0]?.metadata)) {
        throw Problems.conflict(
          origin.channel === 'kafka'
            ? 'A referral from this source system with this message id already exists with different content'
            : 'A referral with this id already exists with different details',
          'REFERRAL.ALREADY_EXISTS',
        );
      }
      return { id: referralId, version, status: state.status, created: false };
    }
  }

  /**
   * The decider is pure: a command that depends on another referral (settling a possible duplicate)
   * is given what that referral is now, read here. Merging is checked again by nobody if the other
   * referral closes in between; the merge then points at a referral that has just closed, which the
   * history shows.
   */
  private async withOtherReferral(command: ReferralCommand): Promise<ReferralCommand> {
    if (command.type === 'TransferReferral') return this.withTeams(command);
    if (command.type !== 'ResolveDuplicate') return command;
    const load = (id: string) => this.deps.deciderStore.load(referralDecider, referralStreamName(id));
    const [mine, other] = await Promise.all([load(command.referralId), load(command.target.referralId)]);
    const routing = this.deps.teams ?? SINGLE_TEAM;
    const team = (s: Referral) => (s.status === 'none' ? undefined : teamOfReferral(routing, s));
    const status = other.state.status !== 'none' && other.state.erasedAt ? 'erased' : other.state.status;
    return {
      ...command,
      target: {
        referralId: command.target.referralId,
        status,
        sameTeam: team(mine.state) === team(other.state),
      },
    };
  }

  /** A transfer is given the team the referral is with now and every team there is. */
  private async withTeams(command: TransferReferral): Promise<TransferReferral> {
    const routing = this.deps.teams ?? SINGLE_TEAM;
    const { state } = await this.deps.deciderStore.load(
      referralDecider,
      referralStreamName(command.referralId),
    );
    const current = state.status === 'none' ? routing.defaultTeam : teamOfReferral(routing, state);
    return { ...command, teams: { current, known: knownTeams(routing) } };
  }

  /** A re-referral is given what the referral it follows is now: its status, episode and young person. */
  private async withPreviousReferral(command: ReceiveReferral): Promise<ReceiveReferral> {
    if (command.previous === undefined) return command;
    const id = command.previous.referralId;
    const { state } = await this.deps.deciderStore.load(referralDecider, referralStreamName(id));
    if (state.status === 'none')
      return { ...command, previous: { referralId: id, status: 'none', samePerson: false, episode: 0 } };
    return {
      ...command,
      previous: {
        referralId: id,
        status: state.erasedAt ? 'erased' : state.status,
        samePerson: samePerson(state.youngPerson, command.youngPerson),
        episode: state.episode?.number ?? 1,
      },
    };
  }

  private async decide(
    origin: Origin,
    action: ReferralAction,
    command: ReferralCommand,
    expectedVersion: number | 'no_stream' | undefined,
    guard?: (loaded: Loaded<Referral>) => void,
  ): Promise<CommandResult & { state: Referral }> {
    const actor = actorOf(origin);
    let correction: BackdatedCorrection | undefined;
    const metadata = metadataFrom(origin, this.deps);
    try {
      const result = await this.deps.deciderStore.handle(
        referralDecider,
        referralStreamName(command.referralId),
        command,
        {
          expectedVersion,
          beforeDecide: (loaded) => {
            guard?.(loaded);
            authorizeReferral(
              actor,
              action,
              referralAccess(loaded, actor, this.deps.teams),
              command as { linkWorkerId?: string; handoffId?: string },
            );
            correction = checkBackdating(
              actor,
              command,
              this.deps.backdating ?? { windowDays: null },
              origin.channel === 'kafka' ? undefined : origin.correction,
            );
          },
          metadata: (event) => (correction ? { ...metadata(event), correction } : metadata(event)),
        },
      );
      this.deps.onCommand?.(command.type, result.events.length ? 'applied' : 'no_change');
      return {
        id: command.referralId,
        version: result.version,
        status: result.state.status,
        state: result.state,
      };
    } catch (error) {
      this.deps.onCommand?.(command.type, outcomeOf(error, expectedVersion));
      if (error instanceof WrongExpectedVersionError && typeof expectedVersion === 'number') {
        throw Problems.preconditionFailed(
          `The referral is at version ${error.actual}, not ${expectedVersion}; reload and retry`,
        );
      }
      throw error;
    }
  }
}

/** What the access policy needs of a loaded referral: its creator, its receiving team and the caller's teams. */
export function referralAccess(
  { state, events }: Pick<Loaded<Referral>, 'state' | 'events'>,
  actor: Actor,
  routing: TeamRouting = SINGLE_TEAM,
): ReferralAccess {
  return {
    state,
    createdBy: events[0]?.metadata.actor.sub,
    team: state.status === 'none' ? undefined : teamOfReferral(routing, state),
    callerTeams: teamsOf(actor, routing),
  };
}

function outcomeOf(error: unknown, expectedVersion: number | 'no_stream' | undefined): CommandOutcome {
  if (error instanceof WrongExpectedVersionError) {
    if (expectedVersion === 'no_stream') return 'already_exists';
    return typeof expectedVersion === 'number' ? 'stale' : 'conflict';
  }
  if (error instanceof ReferralRuleError)
    return error.code === 'REFERRAL.NOT_FOUND' ? 'not_found' : 'rule_broken';
  if (error instanceof Problem && error.status === 403) return 'forbidden';
  if (error instanceof EventStoreUnavailableError) return 'unavailable';
  return 'error';
}

const plain = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** The same young person: equal NHS numbers when both have one, else equal names and dates of birth. */
function samePerson(a: YoungPerson, b: YoungPerson): boolean {
  const nhs = (p: YoungPerson) => p.nhsNumber?.replace(/\D/g, '');
  if (nhs(a) && nhs(b)) return nhs(a) === nhs(b);
  return (
    a.dateOfBirth === b.dateOfBirth &&
    plain(a.givenName) === plain(b.givenName) &&
    plain(a.familyName) === plain(b.familyName)
  );
}
