import { command, everyCommandOnAReferral } from './referral.test-commands';
import {
  DEFAULT_POLICY,
  RECEIVED_AT,
  YOUNG_PERSON,
  aReceivedReferral,
  day,
  events,
  plusMs,
} from './referral.test-events';
import { given } from './referral.test-kit';

const FIVE_MINUTES = 5 * 60_000;
const youngPersonBorn = (dateOfBirth: string) => ({ ...YOUNG_PERSON, dateOfBirth });

describe('a referral that was never received', () => {
  it.each(everyCommandOnAReferral())('when %s, then it is not found', (_, cmd) => {
    given().when(cmd).thenThrows('REFERRAL.NOT_FOUND');
  });

  describe('when ReceiveReferral', () => {
    it('then the referral is received with its details', () => {
      given().when(command.receive()).then([events.received()]);
    });

    it('then an NHS number typed with spaces or hyphens is stored as ten digits', () => {
      const spaced = { ...YOUNG_PERSON, nhsNumber: '943 476 5919' };
      given()
        .when(command.receive({ youngPerson: spaced }))
        .then([events.received()]);
      const hyphenated = { ...YOUNG_PERSON, nhsNumber: '842-914-1456' };
      given()
        .when(command.receive({ youngPerson: hyphenated }))
        .then([events.received({ youngPerson: { ...YOUNG_PERSON, nhsNumber: '8429141456' } })]);
    });

    it('then a young person without an NHS number is received without one', () => {
      const { givenName, familyName, dateOfBirth } = YOUNG_PERSON;
      const withoutNhsNumber = { givenName, familyName, dateOfBirth };
      given()
        .when(command.receive({ youngPerson: withoutNhsNumber }))
        .then([events.received({ youngPerson: withoutNhsNumber })]);
    });

    it('then the age at referral is recorded in the clear, so statistics survive erasure', () => {
      given()
        .when(command.receive())
        .then([events.received({ ageAtReferral: 13 })]);
    });

    it('then each reason is recorded once, and optional details are kept', () => {
      given()
        .when(
          command.receive({
            reasons: ['bullying', 'anxiety', 'bullying'],
            schoolUrn: '100001',
            notes: 'Prefers text',
            urgency: 'urgent',
          }),
        )
        .then([
          events.received({
            reasons: ['bullying', 'anxiety'],
            schoolUrn: '100001',
            notes: 'Prefers text',
            urgency: 'urgent',
          }),
        ]);
    });

    it.each(['8429141457', '9990000000', '943476591', '94347659190', '94347659I9'])(
      'then NHS number %s, which fails the Modulus 11 check, is refused',
      (nhsNumber) => {
        given()
          .when(command.receive({ youngPerson: { ...YOUNG_PERSON, nhsNumber } }))
          .thenThrows('REFERRAL.INVALID_NHS_NUMBER');
      },
    );

    // Received 2 March 2026; the default policy is 5 to 19 inclusive.
    it.each([
      ['5 on the day of referral', '2021-03-02'],
      ['19, turning 20 the next day', '2006-03-03'],
    ])('then a young person aged %s is received', (_, dateOfBirth) => {
      const youngPerson = youngPersonBorn(dateOfBirth);
      given()
        .when(command.receive({ youngPerson }))
        .then([events.received({ youngPerson })]);
    });

    it.each([
      ['4, turning 5 the next day', '2021-03-03'],
      ['20 on the day of referral', '2006-03-02'],
    ])('then a young person aged %s is out of range', (_, dateOfBirth) => {
      given()
        .when(command.receive({ youngPerson: youngPersonBorn(dateOfBirth) }))
        .thenThrows('REFERRAL.AGE_OUT_OF_RANGE');
    });

    it('then the age range comes from the command policy, not a fixed rule', () => {
      const policy = { minAgeYears: 11, maxAgeYears: 18 };
      const eleven = youngPersonBorn('2015-03-02');
      given()
        .when(command.receive({ policy, youngPerson: eleven }))
        .then([events.received({ youngPerson: eleven })]);
      given()
        .when(command.receive({ policy, youngPerson: youngPersonBorn('2015-03-03') }))
        .thenThrows('REFERRAL.AGE_OUT_OF_RANGE');
      given()
        .when(command.receive({ policy, youngPerson: youngPersonBorn('2007-03-02') }))
        .thenThrows('REFERRAL.AGE_OUT_OF_RANGE');
      given()
        .when(command.receive({ policy: DEFAULT_POLICY, youngPerson: youngPersonBorn('2007-03-02') }))
        .then([events.received({ youngPerson: youngPersonBorn('2007-03-02') })]);
    });

    it.each([
      ['not a real date', '2012-02-30'],
      ['not written YYYY-MM-DD', '10/05/2012'],
      ['after the referral was received', '2026-03-03'],
    ])('then a date of birth %s is refused', (_, dateOfBirth) => {
      given()
        .when(command.receive({ youngPerson: youngPersonBorn(dateOfBirth) }))
        .thenThrows('REFERRAL.INVALID_DATE_OF_BIRTH');
    });

    it('then a referral received up to 5 minutes after the clock is accepted, later is refused', () => {
      const now = RECEIVED_AT;
      const edge = plusMs(now, FIVE_MINUTES);
      given()
        .when(command.receive({ now, receivedAt: edge }))
        .then([events.received({ receivedAt: edge })]);
      given()
        .when(command.receive({ now, receivedAt: plusMs(edge, 1) }))
        .thenThrows('REFERRAL.TIME_IN_FUTURE');
    });

    it('then a receivedAt that is not an ISO date-time is refused', () => {
      given()
        .when(command.receive({ receivedAt: '2026-03-02' }))
        .thenThrows('REFERRAL.INVALID_TIME');
      given()
        .when(command.receive({ receivedAt: 'yesterday' }))
        .thenThrows('REFERRAL.INVALID_TIME');
      given()
        .when(command.receive({ receivedAt: '2026-03-02T09:00:00' }))
        .thenThrows('REFERRAL.INVALID_TIME');
    });
  });
});

describe('a received referral', () => {
  it('when ReceiveReferral again with the same id, then it is already received', () => {
    given(...aReceivedReferral())
      .when(command.receive())
      .thenThrows('REFERRAL.ALREADY_RECEIVED');
  });

  describe('when a command is timed (at)', () => {
    it('then at the moment of receipt is allowed', () => {
      given(...aReceivedReferral())
        .when(command.accept({ at: RECEIVED_AT }))
        .then([events.accepted({ at: RECEIVED_AT })]);
    });

    it('then before the referral was received is refused', () => {
      given(...aReceivedReferral())
        .when(command.accept({ at: plusMs(RECEIVED_AT, -1) }))
        .thenThrows('REFERRAL.TIME_BEFORE_RECEIVED');
    });

    it('then up to 5 minutes after the command clock is allowed, later is refused', () => {
      const now = day(3);
      const edge = plusMs(now, FIVE_MINUTES);
      given(...aReceivedReferral())
        .when(command.accept({ now, at: edge }))
        .then([events.accepted({ at: edge })]);
      given(...aReceivedReferral())
        .when(command.accept({ now, at: plusMs(edge, 1) }))
        .thenThrows('REFERRAL.TIME_IN_FUTURE');
    });

    it('then a time written with an offset is compared as the instant it is', () => {
      const now = '2026-03-12T10:00:00Z';
      given(...aReceivedReferral())
        .when(command.accept({ now, at: '2026-03-12T11:04:00+01:00' }))
        .then([events.accepted({ at: '2026-03-12T11:04:00+01:00' })]);
      given(...aReceivedReferral())
        .when(command.accept({ now, at: '2026-03-12T10:06:00+00:00' }))
        .thenThrows('REFERRAL.TIME_IN_FUTURE');
    });

    // Without a zone the instant would depend on the server's time zone, so the decision would too.
    it.each(['2026-03-05', '2026-03-05T10:00:00', 'soon', ''])(
      'then at "%s", not an ISO date-time with a zone, is refused',
      (at) => {
        given(...aReceivedReferral())
          .when(command.accept({ at }))
          .thenThrows('REFERRAL.INVALID_TIME');
      },
    );
  });
});
