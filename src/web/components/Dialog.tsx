// The console's modal dialog: Mantine's Modal with a named close button, and a header that is no page
// banner (Mantine renders a <header>; in a portal outside <main> axe counts it as a second banner landmark).
import { Modal } from "@mantine/core";
import type { ReactNode } from "react";

export function Dialog({
  title,
  onClose,
  size,
  children,
}: {
  title: string;
  onClose: () => void;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal.Root opened onClose={onClose} size={size}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label="Close" />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
