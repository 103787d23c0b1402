export * from "./auth";
export * from "./audit";
export * from "./mail";
export * from "./academic";
export * from "./qr";
export * from "./onboarding";
export * from "./forms";
export * from "./parked";
