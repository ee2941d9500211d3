import { randomBytes } from "node:crypto";

/**
 * Makes 24-hex ids shaped like MongoDB ObjectIds (both Socket.IO seeds store in MongoDB):
 * 4 bytes of seconds, 5 random bytes fixed per generator and a 3-byte counter, so ids are
 * unique and roughly time-ordered.
 */
export class ObjectIdGenerator {
  private readonly middle = randomBytes(5).toString("hex");
  private counter = randomBytes(3).readUIntBE(0, 3);

  constructor(private readonly now: () => number) {}

  next(): string {
    const seconds = Math.floor(this.now() / 1000) >>> 0;
    this.counter = (this.counter + 1) % 0x1000000;
    return (
      seconds.toString(16).padStart(8, "0") +
      this.middle +
      this.counter.toString(16).padStart(6, "0")
    );
  }
}
