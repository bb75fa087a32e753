export * from './applicationStates';
export * from './commitmentReading';
export * from './onboardingFiles';
