import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { printHtml, saveFile } from '@/lib/download';
import { messages } from '@/lib/messages';
import { recoveryCodesHtml, recoveryCodesText } from '../utils/mfa';

const text = messages.mfa;

/**
 * The 10 recovery codes, shown once right after activation, with ways to keep them (copy, print, a text file).
 * They live only in this component's state: 「保存しました」 calls `onDone`, and the caller forgets them.
 */
export function RecoveryCodes({ codes, loginId, onDone }: { codes: string[]; loginId: string; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const heading = text.fileHeading(loginId);

  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryCodesText(heading, codes, text.fileNote));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const content = recoveryCodesText(heading, codes, text.fileNote);
    saveFile({ blob: new Blob([content], { type: 'text/plain;charset=utf-8' }), filename: text.fileName });
  }

  function print() {
    void printHtml(new Blob([recoveryCodesHtml(heading, codes, text.fileNote)], { type: 'text/html' }));
  }

  return (
    <section aria-labelledby="mfa-codes" className="flex flex-col gap-4">
      <h3 id="mfa-codes" ref={headingRef} tabIndex={-1} className="text-std-20B-150 focus:outline-none">
        {text.codesTitle}
      </h3>
      <p>{text.codesLead}</p>
      <p id="mfa-codes-once" className="rounded-8 border-2 border-yellow-700 bg-yellow-50 px-4 py-3 text-std-16B-170">
        {text.codesOnce}
      </p>
      <ol
        aria-label={text.codesListLabel}
        data-testid="mfa-recovery-codes"
        className="grid max-w-xl list-decimal grid-cols-1 gap-x-10 gap-y-1 rounded-8 border border-solid-gray-420 bg-white py-4 pr-4 pl-10 font-mono text-mono-17B-150 sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {text.copy}
        </Button>
        <Button variant="secondary" size="sm" onClick={print}>
          {text.print}
        </Button>
        <Button variant="secondary" size="sm" onClick={download}>
          {text.download}
        </Button>
      </div>
      <div role="status">{copied !== null && <p>{copied ? text.copied : text.copyFailed}</p>}</div>
      <div>
        <Button onClick={onDone} aria-describedby="mfa-codes-once">
          {text.saved}
        </Button>
      </div>
    </section>
  );
}
