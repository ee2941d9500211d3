import type { Attachment } from "@parley/core";
import { useMessageActions } from "@parley/react";
import { useCallback, useEffect, useRef, useState } from "react";

/** One file picked in the composer. `state` is where its upload is. */
export interface Upload {
  id: number;
  name: string;
  state: "uploading" | "done" | "failed";
  /** From 0 to 1. */
  progress: number;
  attachment?: Attachment;
}

/**
 * Files being uploaded for the next message, with their progress. Uploads go through
 * `useMessageActions().upload`; finished ones become the message's attachments.
 */
export function useUploads() {
  const actions = useMessageActions();
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const nextId = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback((id: number, change: Partial<Upload>) => {
    if (!mounted.current) return;
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        nextId.current += 1;
        const id = nextId.current;
        setUploads((list) => [...list, { id, name: file.name, state: "uploading", progress: 0 }]);
        actions
          .upload(file, file.name, (progress) => update(id, { progress }))
          .then(
            (attachment) => update(id, { state: "done", progress: 1, attachment }),
            () => update(id, { state: "failed" }),
          );
      }
    },
    [actions, update],
  );

  const remove = useCallback((id: number) => {
    setUploads((list) => list.filter((u) => u.id !== id));
  }, []);

  const clear = useCallback(() => setUploads([]), []);

  const attachments = uploads.flatMap((u) =>
    u.state === "done" && u.attachment ? [u.attachment] : [],
  );
  const busy = uploads.some((u) => u.state === "uploading");
  return { uploads, attachments, busy, add, remove, clear };
}
