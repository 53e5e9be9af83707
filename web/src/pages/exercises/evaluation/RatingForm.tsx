import { Alert, Button, Checkbox, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { saveRating, type Guide, type Rating } from '../../../api/evaluation';
import { STATUS } from '../../../theme';
import type { EvidenceRef } from './EvidenceModal';

const MARKS = ['P', 'S', 'M', 'U'] as const;
type Lang = 'kk' | 'ru' | 'en';

/**
 * Rates one capability target or core capability: the mark beside its HSEEP definition, the
 * reasoning it needs, and the evidence offered from what concerns the subject. Saving sends the
 * version read, so a rating someone made meanwhile is refused, not overwritten.
 */
export function RatingForm({
  guide,
  subject,
  current,
  offered,
  label,
  onSaved,
}: {
  guide: Guide;
  subject: { kind: 'capability_target' | 'core_capability'; id: string };
  current: Rating | undefined;
  offered: EvidenceRef[];
  label: (ref: EvidenceRef) => string;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (['kk', 'ru', 'en'].includes(i18n.language) ? i18n.language : 'en') as Lang;
  const [mark, setMark] = useState<string>(current?.rating ?? '');
  const [reasoning, setReasoning] = useState(current?.reasoning ?? '');
  const [evidence, setEvidence] = useState<string[]>(current?.evidence.map((e) => `${e.kind}:${e.id}`) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveRating(guide.exerciseId, {
        subjectKind: subject.kind,
        subjectId: subject.id,
        rating: mark,
        reasoning,
        evidence: evidence.map((k) => {
          const [kind, id] = k.split(':') as [EvidenceRef['kind'], string];
          return { kind, id };
        }),
        version: current?.version ?? 0,
      });
      onSaved();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 409
          ? t('evaluation.stale')
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Radio.Group value={mark} onChange={setMark} label={t('evaluation.mark')}>
        <Stack gap={6} mt={4}>
          {MARKS.map((m) => (
            <Radio
              key={m}
              value={m}
              label={`${m} — ${guide.definitions[m]!.title[lang]}`}
              description={guide.definitions[m]!.text[lang]}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('evaluation.reasoning')}
        description={t('evaluation.reasoningHelp')}
        value={reasoning}
        onChange={(e) => setReasoning(e.currentTarget.value)}
        autosize
        minRows={3}
        required
      />
      {offered.length > 0 && (
        <Checkbox.Group value={evidence} onChange={setEvidence} label={t('evaluation.evidence')}>
          <Stack gap={4} mt={4}>
            {offered.map((ref) => (
              <Checkbox key={`${ref.kind}:${ref.id}`} value={`${ref.kind}:${ref.id}`} label={label(ref)} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {offered.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('evaluation.noEvidence')}
        </Text>
      )}
      {error && (
        <Alert color={STATUS.danger} variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Button onClick={() => void save()} loading={busy} disabled={!mark || reasoning.trim().length < 10}>
        {t('evaluation.save')}
      </Button>
    </Stack>
  );
}
