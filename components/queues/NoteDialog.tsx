"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { controlClasses } from "@/components/ui/input";

/** Edits a bad review's handling note (what was said to the buyer, what was agreed). */
export function NoteDialog({ initial, onClose, onSave }: { initial: string; onClose: () => void; onSave: (note: string) => void }) {
  const t = useTranslations("queues");
  const [note, setNote] = useState(initial);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("editNote")}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button
            onClick={() => {
              onSave(note.trim());
              onClose();
            }}
          >
            {t("save")}
          </Button>
        </>
      }
    >
      <textarea aria-label={t("columns.note")} className={`${controlClasses} min-h-28 w-full`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
    </Dialog>
  );
}
