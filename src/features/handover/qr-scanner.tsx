import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

/** The browser's own QR reader where it has one (Chrome on Android), else jsQR (loaded only now). */
async function makeReader(): Promise<(video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>> {
  const Native = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats?.())?.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (video, canvas) => {
    const scale = Math.min(1, 960 / Math.max(video.videoWidth, video.videoHeight));
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (width === 0 || height === 0) return null;
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(video, 0, 0, width, height);
    return jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/**
 * Reads QR codes with the camera. The camera is asked for only when the
 * officer taps "scan", and released as soon as the scanner closes (or the
 * screen goes away, e.g. on lock). Each code read goes to `onCode`; it returns
 * true when nothing more is needed.
 */
export function QrScanner({ onCode, progress }: { onCode: (text: string) => boolean; progress?: string | null }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'idle' | 'starting' | 'scanning' | 'denied' | 'unavailable'>('idle');
  const stream = useRef<MediaStream | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  const stop = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
  };

  useEffect(() => stop, []);

  useEffect(() => {
    if (state !== 'scanning') return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    void makeReader().then((read) => {
      const tick = async () => {
        if (cancelled || !video.current || !canvas.current) return;
        const text = await read(video.current, canvas.current).catch(() => null);
        if (cancelled) return;
        if (text && text !== last) {
          last = text;
          if (onCodeRef.current(text)) {
            stop();
            setState('idle');
            return;
          }
        }
        timer = setTimeout(() => void tick(), 200);
      };
      void tick();
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [state]);

  async function start() {
    if (!navigator.mediaDevices?.getUserMedia) return setState('unavailable');
    setState('starting');
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      video.current!.srcObject = stream.current;
      await video.current!.play();
      setState('scanning');
    } catch (error) {
      stop();
      setState((error as { name?: string })?.name === 'NotAllowedError' ? 'denied' : 'unavailable');
    }
  }

  const scanning = state === 'scanning' || state === 'starting';
  return (
    <div className="qr-scanner">
      <div className="actions">
        {!scanning ? (
          <button type="button" className="button button--secondary" data-action="scan" onClick={() => void start()}>
            {t('handover.scan.start')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              stop();
              setState('idle');
            }}
          >
            {t('handover.scan.stop')}
          </button>
        )}
      </div>
      <video ref={video} className={scanning ? 'qr-scanner__video' : 'visually-hidden'} muted playsInline aria-label={t('handover.scan.video')} />
      <canvas ref={canvas} hidden />
      {scanning && <p role="status">{progress ?? t('handover.scan.aim')}</p>}
      {state === 'denied' && <p role="alert" className="error">{t('handover.scan.denied')}</p>}
      {state === 'unavailable' && <p role="alert" className="error">{t('handover.scan.unavailable')}</p>}
    </div>
  );
}
