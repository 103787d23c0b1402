/**
 * Fixed inputs that pin one argon2id derivation on both hosts: the Node test and
 * the workers test both compute `ARGON2_VECTOR` at today's cost and compare it with
 * this hex, and each verifies a hash the other host made.
 */
export const ARGON2_VECTOR = {
  password: "ติดตาม#2567",
  salt: new TextEncoder().encode("tidtam-vector-16"),
  hex: "7f53776fdd809f70000add7581c0de9a6889af799341453eb7e535cc68eea473",
};

/** Made once by `hashPassword` on Node; test/workers/password.test.ts verifies it in workerd. */
export const NODE_MADE_HASH = {
  password: "NodeMade#2567",
  hash: "$argon2id$v=19$m=19456,t=2,p=1$RGumBTgcGxBTew9LYAypMg$d60n46aTwS3HUr0ERaDbk2ULr7UMmqqMQ0MtMgxyhXg",
};

/** Made once by `hashPassword(workersPasswordKdf, …)` inside workerd; test/node/password.test.ts verifies it on Node. */
export const WORKERD_MADE_HASH = {
  password: "Workerd#2567",
  hash: "$argon2id$v=19$m=19456,t=2,p=1$KIhCozKSOe5U5OaTWiLkZg$K77LQu4/JxYwPi4HsiC1Dy/8tA/lCl/ZSAyQU1lOx6Q",
};
