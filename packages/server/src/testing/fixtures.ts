import type { FixturesInput } from "../fixtures/schema.js";

/** User ids of the test fixtures, by first name. */
export const testUsers = {
  /** user, patient, customer: friends with bob and carol; bob's patient; in channels chat A and room 1. */
  alice: "0a000000-0000-4000-8000-00000000a11c",
  /** admin, doctor, professional, staff: alice's friend, treats alice and carol. */
  bob: "0b000000-0000-4000-8000-000000000b0b",
  /** user, patient, customer: alice's friend, bob's pending friend, bob's patient. */
  carol: "0c000000-0000-4000-8000-0000000ca201",
  /** doctor, professional, staff: treats nobody; professional in channels chat B. */
  dave: "0d000000-0000-4000-8000-0000000da7e0",
  /** user, patient, customer: no friends, no doctor, no chats. */
  mallory: "0e000000-0000-4000-8000-0000000ba110",
  /** An inactive account. */
  ivan: "0f000000-0000-4000-8000-000000001fa0",
} as const;

/** channels-ws chats of the test fixtures. */
export const testChannelsChats = {
  /** alice (patient) with bob (professional). */
  a: "11111111-1111-4111-8111-111111111111",
  /** carol (patient) with dave (professional). */
  b: "22222222-2222-4222-8222-222222222222",
} as const;

/** rooms-ws chats of the test fixtures: 1 = alice, bob, dave; 2 = carol, bob. */
export const testRoomsChats = { one: 1, two: 2 } as const;

const { alice, bob, carol, dave, mallory, ivan } = testUsers;

/** Small, fixed fixtures every conformance test uses. */
export const testFixtures: FixturesInput = {
  users: [
    {
      id: alice,
      name: "Alice",
      username: "alice",
      email: "alice@test",
      role: ["user", "patient", "customer"],
      numericId: 1,
    },
    {
      id: bob,
      name: "Bob",
      username: "bob",
      email: "bob@test",
      role: ["admin", "doctor", "professional", "staff"],
      numericId: 2,
    },
    {
      id: carol,
      name: "Carol",
      username: "carol",
      email: "carol@test",
      role: ["user", "patient", "customer"],
      numericId: 3,
    },
    {
      id: dave,
      name: "Dave",
      username: "dave",
      email: "dave@test",
      role: ["doctor", "professional", "staff"],
      numericId: 4,
    },
    {
      id: mallory,
      name: "Mallory",
      username: "mallory",
      email: "mallory@test",
      role: ["user", "patient", "customer"],
      numericId: 5,
    },
    {
      id: ivan,
      name: "Ivan",
      username: "ivan",
      email: "ivan@test",
      role: ["user", "patient", "customer"],
      numericId: 6,
      active: false,
    },
  ],
  friendships: [
    { a: alice, b: bob },
    { a: alice, b: carol },
    { a: bob, b: carol, status: "pending" },
  ],
  care: [
    { doctor: bob, patient: alice },
    { doctor: bob, patient: carol },
  ],
  chats: [
    { dialect: "channels-ws", id: testChannelsChats.a, patient: alice, professional: bob },
    { dialect: "channels-ws", id: testChannelsChats.b, patient: carol, professional: dave },
    { dialect: "rooms-ws", id: 1, title: "Room one", participants: [alice, bob, dave] },
    { dialect: "rooms-ws", id: 2, title: "Room two", participants: [carol, bob] },
  ],
};
