import { useEffect } from "react";

/** Sets the document title ("Connected · Portcullis"), so tabs and history read well. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Portcullis` : "Portcullis";
  }, [title]);
}
