// `@app/referral-domain/testing`: histories and commands for specs of the domain and of its adapters.
export * from './referral/referral.test-events';
export * from './referral/referral.test-commands';
export { fold, foldReceived } from './referral/referral.test-kit';
export * from './referral/referral.test-appointments';
