import type { Directory, DirectoryUser } from "../../fixtures/directory.js";
import { HttpError } from "../../http/http-error.js";

/** Why a user may not use this dialect at all, with the REST status to answer. */
export interface Refusal {
  status: 401 | 403;
  message: string;
}

/**
 * The seed's authorization rules in one place: only doctors and patients use the chat, and a
 * message, typing indicator or read receipt only passes between a doctor and a patient in a
 * care relation.
 */
export class CareAccess {
  private readonly related = new Map<string, Set<string>>();

  constructor(private readonly directory: Directory) {
    for (const { doctor, patient } of directory.fixtures.care) {
      this.link(doctor, patient);
      this.link(patient, doctor);
    }
  }

  private link(a: string, b: string): void {
    let set = this.related.get(a);
    if (!set) {
      set = new Set();
      this.related.set(a, set);
    }
    set.add(b);
  }

  /** Null when `userId` may connect and call the API, else why not. */
  refusal(userId: string): Refusal | null {
    const user = this.directory.user(userId);
    if (!user) return { status: 401, message: "User not found" };
    if (!user.active) return { status: 403, message: "Account is inactive" };
    if (!user.roles.has("doctor") && !user.roles.has("patient")) {
      return { status: 403, message: "Only doctors and patients can use the chat" };
    }
    return null;
  }

  /** Everyone in a care relation with `userId` (their doctors and their patients). */
  relatedTo(userId: string): string[] {
    return [...(this.related.get(userId) ?? [])];
  }

  isRelated(a: string, b: string): boolean {
    return this.related.get(a)?.has(b) ?? false;
  }

  user(userId: string): DirectoryUser | undefined {
    return this.directory.user(userId);
  }

  /**
   * The role `userId` plays opposite `otherId`: the care relation decides for someone who is
   * both a doctor and a patient, otherwise the roles the directory lists.
   */
  roleOf(userId: string, otherId?: string): "doctor" | "patient" {
    if (otherId !== undefined) {
      if (this.directory.treats(userId, otherId)) return "doctor";
      if (this.directory.treats(otherId, userId)) return "patient";
    }
    return this.directory.hasRole(userId, "doctor") ? "doctor" : "patient";
  }

  /**
   * The counterpart `otherId` of `me`, who must exist (404) and be in a care relation with `me`
   * (403). `noun` names the counterpart in the 404 message ("User", "Doctor", "Patient").
   */
  counterpart(me: string, otherId: string, noun = "User"): DirectoryUser {
    const other = this.directory.user(otherId);
    if (!other) throw new HttpError(404, `${noun} not found`);
    if (otherId === me) throw new HttpError(400, "You cannot message yourself");
    if (!this.isRelated(me, otherId)) {
      throw new HttpError(403, "You can only message doctors and patients you are in care with");
    }
    if (!other.active) throw new HttpError(403, `${noun} account is inactive`);
    return other;
  }

  /** `me` must hold `role` (the /users routes are for patients, /doctors for doctors). */
  requireRole(me: string, role: "doctor" | "patient"): void {
    if (!this.directory.hasRole(me, role)) {
      throw new HttpError(403, `Access denied: ${role}s only`);
    }
  }

  /** The doctor `doctorId` of patient `me` (for the /users routes). */
  doctorOf(me: string, doctorId: string): DirectoryUser {
    const doctor = this.counterpart(me, doctorId, "Doctor");
    if (!this.directory.treats(doctorId, me)) {
      throw new HttpError(403, "You are not a patient of this doctor");
    }
    return doctor;
  }

  /** The patient `patientId` of doctor `me` (for the /doctors routes). */
  patientOf(me: string, patientId: string): DirectoryUser {
    const patient = this.counterpart(me, patientId, "Patient");
    if (!this.directory.treats(me, patientId)) {
      throw new HttpError(403, "You do not treat this patient");
    }
    return patient;
  }
}
