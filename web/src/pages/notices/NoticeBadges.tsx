import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  NOTICE_LANGUAGES,
  type LanguageStatus,
  type NoticeLanguage,
  type NoticeStatus,
} from '../../api/notices';
import { STATUS } from '../../theme';

const COLOUR: Record<NoticeStatus, string> = {
  draft: STATUS.neutral,
  review: STATUS.warning,
  published: STATUS.ok,
  cancelled: STATUS.danger,
  expired: STATUS.neutral,
};

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return <Badge color={COLOUR[status]}>{t(`notices.status.${status}`)}</Badge>;
}

const LANG_COLOUR: Record<LanguageStatus, string> = {
  complete: STATUS.ok,
  incomplete: STATUS.warning,
  missing: STATUS.danger,
};

/** One badge per language: present, half-written or missing, each said in words, not only colour. */
export function LanguageBadges({ languages }: { languages: Record<NoticeLanguage, LanguageStatus> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {NOTICE_LANGUAGES.map((l) => (
        <Badge
          key={l}
          variant={languages[l] === 'complete' ? 'filled' : 'outline'}
          color={LANG_COLOUR[languages[l]]}
          title={`${t(`notices.lang.${l}`)}: ${t(`notices.langStatus.${languages[l]}`)}`}
        >
          {l.toUpperCase()}
          {languages[l] === 'complete' ? '' : ` · ${t(`notices.langStatus.${languages[l]}`)}`}
        </Badge>
      ))}
    </Group>
  );
}
