import { randomUUID } from 'node:crypto';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/** How far ahead an appointment meant to have started by the next step is booked (it may not start in the past). */
const START_MARGIN_MS = 1500;
type Started = { appointmentId: string; startsAt: string };
const untilPassed = (iso: string) =>
  new Promise((r) => setTimeout(r, Math.max(0, Date.parse(iso) + 50 - Date.now())));

/** Issue 17, 6: appointments booked, moved, cancelled and attended (or not), on caseloads and in reports. */
describe('Appointments', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const session = { format: 'one_to_one', setting: 'school', durationMinutes: 45 };
  const post = (path: string, body: object) => api.http().post(path).set(lw()).send(body);
  const book = (id: string, body: object = {}) =>
    post(`/v1/referrals/${id}/appointments`, { ...session, startsAt: inDays(7), ...body });
  const on = (id: string, appointmentId: string, action: string, body: object) =>
    post(`/v1/referrals/${id}/appointments/${appointmentId}/${action}`, body);
  const types = async (id: string) =>
    (await api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200)).body.events.map(
      (e: { type: string }) => e.type,
    );

  /** Books one appointment on each referral given, all starting in a moment, and waits until they have started. */
  async function started<T extends string[]>(...ids: T): Promise<{ [K in keyof T]: Started }> {
    const startsAt = new Date(Date.now() + START_MARGIN_MS).toISOString();
    const booked: Started[] = [];
    for (const id of ids)
      booked.push({ appointmentId: (await book(id, { startsAt }).expect(200)).body.appointmentId, startsAt });
    await untilPassed(startsAt);
    return booked as { [K in keyof T]: Started };
  }

  it('books, reschedules and cancels a future appointment, answering its id', async () => {
    const id = await referralAt(api, 'active');
    const booked = await book(id).expect(200);
    expect(booked.body).toEqual({
      id,
      version: 4,
      status: 'active',
      appointmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const appointmentId = booked.body.appointmentId as string;
    const movedTo = inDays(14);
    await on(id, appointmentId, 'reschedule', { startsAt: movedTo, reason: 'Mock exams' }).expect(200);
    const view = await api.http().get(`/v1/referrals/${id}`).set(lw()).expect(200);
    expect(view.body.appointments).toEqual([
      expect.objectContaining({ appointmentId, startsAt: movedTo, status: 'booked', ...session }),
    ]);
    const cancelled = await on(id, appointmentId, 'cancel', { cancelledBy: 'family', reason: 'Holiday' });
    expect(cancelled.status).toBe(200);
    expect(await types(id)).toEqual(
      expect.arrayContaining(['AppointmentBooked', 'AppointmentRescheduled', 'AppointmentCancelled']),
    );
    // Only a booked appointment changes; unknown ones are named as such.
    const again = await on(id, appointmentId, 'cancel', { cancelledBy: 'service' });
    expect([again.status, again.body.code]).toEqual([422, 'REFERRAL.APPOINTMENT_NOT_BOOKED']);
    const unknown = await on(id, randomUUID(), 'reschedule', { startsAt: inDays(3) });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'REFERRAL.APPOINTMENT_NOT_FOUND']);
  });

  it('refuses a start in the past, an id booked twice, and a referral awaiting triage', async () => {
    const id = await referralAt(api, 'active');
    const past = await book(id, { startsAt: inDays(-1) });
    expect([past.status, past.body.code]).toEqual([422, 'REFERRAL.APPOINTMENT_IN_PAST']);
    expect(past.body.detail).toMatch(/cannot start in the past/);
    const own = randomUUID();
    await book(id, { id: own }).expect(200);
    const twice = await book(id, { id: own });
    expect([twice.status, twice.body.code]).toEqual([422, 'REFERRAL.APPOINTMENT_ALREADY_BOOKED']);
    const received = await referralAt(api, 'received');
    const early = await api
      .http()
      .post(`/v1/referrals/${received}/appointments`)
      .set(manager())
      .send({ ...session, startsAt: inDays(7) });
    expect([early.status, early.body.code]).toEqual([422, 'REFERRAL.NOT_OPEN']);
  });

  it('records attendance once the appointment has started: attended is a session, did-not-attend is not', async () => {
    const id = await referralAt(api, 'active');
    const future = (await book(id).expect(200)).body.appointmentId as string;
    const early = await on(id, future, 'attendance', { attended: true });
    expect([early.status, early.body.code]).toEqual([422, 'REFERRAL.APPOINTMENT_NOT_STARTED']);

    const [first, second] = await started(id, id);
    const attended = await on(id, first.appointmentId, 'attendance', {
      attended: true,
      activities: ['climbing wall'],
      notes: 'Settled quickly',
    }).expect(200);
    await on(id, second.appointmentId, 'attendance', { attended: false, notes: 'Overslept' }).expect(200);

    // Three bookings (versions 4 to 6), then attended: the appointment and a session at its start.
    expect(attended.body.version).toBe(8);
    const view = await api.http().get(`/v1/referrals/${id}`).set(lw()).expect(200);
    expect(view.body.sessions).toMatchObject({ total: 1, attended: 1, firstAttendedAt: first.startsAt });
    expect(view.body.sessions.items[0]).toMatchObject({
      sessionId: first.appointmentId,
      activities: ['climbing wall'],
    });
    expect(view.body.appointments.map((a: { status: string }) => a.status)).toEqual([
      'booked',
      'attended',
      'did_not_attend',
    ]);
    expect(await types(id)).toEqual(
      expect.arrayContaining(['AppointmentAttended', 'SessionHeld', 'AppointmentNotAttended']),
    );
  });

  it('an accepted referral records a did-not-attend, but an attended session waits for support consent', async () => {
    const id = await referralAt(api, 'accepted');
    const [missed, held] = await started(id, id);
    await on(id, missed.appointmentId, 'attendance', { attended: false }).expect(200);
    const refused = await on(id, held.appointmentId, 'attendance', { attended: true });
    expect([refused.status, refused.body.code]).toEqual([422, 'REFERRAL.NOT_ACTIVE']);
  });

  it('shows the next appointment on the caseload, and flags a young person who did not attend twice', async () => {
    const twice = await referralAt(api, 'active');
    const once = await referralAt(api, 'active');
    const referrals = [twice, twice, once];
    const missed = await started(...referrals);
    for (const [i, id] of referrals.entries())
      await on(id, missed[i]!.appointmentId, 'attendance', { attended: false }).expect(200);
    const later = inDays(21);
    const sooner = inDays(10);
    await book(twice, { startsAt: later }).expect(200);
    const next = (await book(twice, { startsAt: sooner }).expect(200)).body.appointmentId as string;
    const cancelled = (await book(twice, { startsAt: inDays(2) }).expect(200)).body.appointmentId as string;
    await on(twice, cancelled, 'cancel', { cancelledBy: 'young_person' }).expect(200);
    await projectionsCaughtUp(api);

    const caseload = await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(200);
    const entry = (id: string) =>
      caseload.body.referrals.find((r: { referralId: string }) => r.referralId === id);
    expect(entry(twice)).toMatchObject({
      nextAppointment: { appointmentId: next, startsAt: sooner },
      didNotAttendTwice: true,
    });
    expect(entry(once)).toMatchObject({ nextAppointment: null, didNotAttendTwice: false });
  });

  it('answers 400 naming the field for bad input', async () => {
    const id = await referralAt(api, 'active');
    const bad = async (res: PromiseLike<{ status: number; body: { errors: { field: string }[] } }>) => {
      const r = await res;
      expect(r.status).toBe(400);
      return r.body.errors.map((e) => e.field);
    };
    expect(await bad(book(id, { format: 'zoom', startsAt: 'tomorrow', durationMinutes: 0 }))).toEqual([
      'startsAt',
      'format',
      'durationMinutes',
    ]);
    expect(await bad(book(id, { id: 'not-a-uuid' }))).toEqual(['id']);
    const appointmentId = (await book(id).expect(200)).body.appointmentId as string;
    expect(await bad(on(id, appointmentId, 'cancel', { cancelledBy: 'grandma' }))).toEqual(['cancelledBy']);
    expect(await bad(on(id, appointmentId, 'attendance', { attended: 'yes' }))).toEqual(['attended']);
    expect(await bad(on(id, appointmentId, 'reschedule', { startsAt: inDays(3), colour: 'red' }))).toEqual([
      'colour',
    ]);
    expect(await bad(on(id, 'not-a-uuid', 'cancel', { cancelledBy: 'family' }))).toEqual(['appointmentId']);
  });

  it('keeps If-Match (412 when stale) and replays an Idempotency-Key with the same appointment', async () => {
    const id = await referralAt(api, 'active');
    const stale = await book(id).set('If-Match', '"2"');
    expect(stale.status).toBe(412);
    await book(id).set('If-Match', '"3"').expect(200);

    const body = { ...session, startsAt: inDays(5) };
    const send = () =>
      api
        .http()
        .post(`/v1/referrals/${id}/appointments`)
        .set(lw())
        .set('Idempotency-Key', `book-${id}`)
        .send(body);
    const first = await send().expect(200);
    const replay = await send().expect(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await types(id)).filter((t: string) => t === 'AppointmentBooked')).toHaveLength(2);
  });

  it('lets only the assigned link worker (or a service manager) manage appointments', async () => {
    const id = await referralAt(api, 'active');
    const other = await api
      .http()
      .post(`/v1/referrals/${id}/appointments`)
      .set(bearer(api.token('link_worker', 'lw-other')))
      .send({ ...session, startsAt: inDays(7) });
    expect(other.status).toBe(403);
    await api
      .http()
      .post(`/v1/referrals/${id}/appointments`)
      .set(manager())
      .send({ ...session, startsAt: inDays(7) })
      .expect(200);
  });

  it('documents every appointment route and the attendance report in OpenAPI, with examples', async () => {
    const docs = (await api.http().get('/docs-json').expect(200)).body;
    const command = (path: string) => docs.paths[path].post;
    for (const path of [
      '/v1/referrals/{id}/appointments',
      '/v1/referrals/{id}/appointments/{appointmentId}/reschedule',
      '/v1/referrals/{id}/appointments/{appointmentId}/cancel',
      '/v1/referrals/{id}/appointments/{appointmentId}/attendance',
    ]) {
      const body = command(path).requestBody.content['application/json'];
      expect({ path, example: body.examples.example.value }).toEqual({ path, example: expect.any(Object) });
      const name = (body.schema.$ref as string).split('/').pop()!;
      expect({ path, properties: Object.keys(docs.components.schemas[name].properties ?? {}) }).toEqual({
        path,
        properties: expect.arrayContaining(['at']),
      });
    }
    const report = docs.paths['/v1/reports/attendance'].get;
    expect(report.parameters.map((p: { name: string }) => p.name)).toEqual([
      'period',
      'from',
      'to',
      'suppression',
    ]);
    expect(report.responses['200'].content['application/json'].example).toMatchObject({
      overall: { group: 'all' },
    });
  });
});

describe('Attendance report', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const session = { format: 'group', setting: 'community_venue', durationMinutes: 60 };

  /** Books an appointment per outcome, all starting in a moment; once started, records each outcome. */
  async function outcomes(...wanted: [id: string, action: string, body: object][]): Promise<string> {
    const startsAt = new Date(Date.now() + START_MARGIN_MS).toISOString();
    const ids: string[] = [];
    for (const [id] of wanted) {
      const res = await api
        .http()
        .post(`/v1/referrals/${id}/appointments`)
        .set(lw())
        .send({ ...session, startsAt })
        .expect(200);
      ids.push(res.body.appointmentId as string);
    }
    await untilPassed(startsAt);
    for (const [i, [id, action, body]] of wanted.entries())
      await api
        .http()
        .post(`/v1/referrals/${id}/appointments/${ids[i]}/${action}`)
        .set(lw())
        .send(body)
        .expect(200);
    return startsAt.slice(0, 10);
  }

  it('gives the did-not-attend rate by age band and by source, disclosure-controlled for commissioners', async () => {
    // Aged 12 (11-15), from a school: attended once, missed once.
    const school = await referralAt(api, 'active');
    // Aged 8 (5-10), from a GP: missed twice, and the service cancelled once.
    const gp = await referralAt(
      api,
      'active',
      referralBody({
        source: { kind: 'gp', organisationCode: 'A81001' },
        youngPerson: { givenName: 'Max', familyName: 'Lee', dateOfBirth: '2018-01-20' },
      }),
    );
    const date = await outcomes(
      [school, 'attendance', { attended: true }],
      [school, 'attendance', { attended: false }],
      [gp, 'attendance', { attended: false }],
      [gp, 'attendance', { attended: false }],
      [gp, 'cancel', { cancelledBy: 'service' }],
    );
    await projectionsCaughtUp(api);
    const [from, to] = [date, date];

    const exact = await api
      .http()
      .get(`/v1/reports/attendance?from=${from}&to=${to}`)
      .set(bearer(api.token('service_manager', 'sm-1')))
      .expect(200);
    expect(exact.body).toMatchObject({
      from,
      to,
      suppression: 'none',
      overall: { appointments: 5, attended: 1, didNotAttend: 3, didNotAttendPct: 75, cancelledByService: 1 },
    });
    const pick = (rows: { group: string; didNotAttendPct: number | null }[]) =>
      rows.map((r) => [r.group, r.didNotAttendPct]);
    expect(pick(exact.body.byAgeBand)).toEqual([
      ['11-15', 50],
      ['5-10', 100],
    ]);
    expect(pick(exact.body.bySource)).toEqual([
      ['gp', 100],
      ['school', 50],
    ]);

    const csv = await api
      .http()
      .get(`/v1/reports/attendance?from=${from}&to=${to}`)
      .set(bearer(api.token('service_manager', 'sm-1')))
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[1]).toBe(`${from},${to},none,overall,all,5,1,3,75,0,0,1,0`);

    // Commissioners: a fixed period and the configured policy; every count here is under 8.
    const period = to.slice(0, 7);
    const icb = await api
      .http()
      .get(`/v1/reports/attendance?period=${period}`)
      .set(bearer(api.token('commissioner', 'icb-1')))
      .expect(200);
    expect(icb.body).toMatchObject({
      period,
      suppression: 'nhs-secondary-care',
      overall: { appointments: null, didNotAttend: null, didNotAttendPct: null, suppressed: true },
    });
    const window = await api
      .http()
      .get(`/v1/reports/attendance?from=${from}`)
      .set(bearer(api.token('commissioner', 'icb-1')));
    expect(window.status).toBe(400);
    expect(window.body.errors).toEqual([{ field: 'from', message: expect.any(String) }]);
  });
});
