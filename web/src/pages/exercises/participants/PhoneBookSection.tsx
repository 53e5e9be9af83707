import { Button, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { useAddContact, usePhoneBook, useRemoveContact } from '../../../api/phoneBook';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { QueryState } from '../../../components/QueryState';
import { SubmitForm } from '../../../components/SubmitForm';
import { TableScroll } from '../../../components/TableScroll';
import { LOCALES as LANGUAGES, PHONE_BOOK_CHANNELS as CHANNELS } from '../../../api/contract';

/**
 * The exercise's phone book: the e-mail addresses, phone numbers and webhooks injects and the
 * communication check reach people on, beside their Dabyl inbox. Kept apart from residents'
 * contacts; shown only to those who see how people are reached, changed by planners and controllers.
 */
export function PhoneBookSection({ plan, canEdit }: { plan: ExercisePlan; canEdit: boolean }) {
  const { t } = useTranslation();
  const exerciseId = plan.exercise.id;
  const book = usePhoneBook(exerciseId, true);
  const remove = useRemoveContact(exerciseId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="phone-book-title">
      <Title order={3} id="phone-book-title">
        {t('planning.phoneBook.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('planning.phoneBook.help')}
      </Text>
      <QueryState query={book}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('planning.phoneBook.none')}</Text>
          ) : (
            <TableScroll label={t('planning.phoneBook.title')} minWidth={640}>
              <Table striped withTableBorder fz="sm" verticalSpacing={4} aria-labelledby="phone-book-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('planning.phoneBook.person')}</Table.Th>
                    <Table.Th scope="col">{t('planning.phoneBook.channel')}</Table.Th>
                    <Table.Th scope="col">{t('planning.phoneBook.address')}</Table.Th>
                    <Table.Th scope="col">{t('planning.phoneBook.language')}</Table.Th>
                    {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Th scope="row">{c.name}</Table.Th>
                      <Table.Td>{t(`outbox.channels.${c.channel}`, { defaultValue: c.channel })}</Table.Td>
                      <Table.Td>{c.address}</Table.Td>
                      <Table.Td>{t(`notices.lang.${c.language}`, { defaultValue: c.language })}</Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <Button
                            size="compact-xs"
                            variant="default"
                            loading={remove.isPending && remove.variables === c.id}
                            onClick={() => remove.mutate(c.id)}
                            aria-label={t('planning.remove.named', { name: `${c.name}: ${c.address}` })}
                          >
                            {t('planning.remove.label')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
      <ProblemAlert error={remove.error} />
      {canEdit && <AddContactForm plan={plan} />}
    </Stack>
  );
}

function AddContactForm({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const add = useAddContact(plan.exercise.id);
  const [personId, setPersonId] = useState(plan.people[0]?.id ?? '');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('email');
  const [address, setAddress] = useState('');
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]>('ru');
  if (plan.people.length === 0) return null;
  const submit = () =>
    add.mutate({ personId, channel, address, language }, { onSuccess: () => setAddress('') });
  return (
    <SubmitForm
      legend={t('planning.phoneBook.add')}
      submitLabel={t('planning.phoneBook.addSubmit')}
      onSubmit={submit}
      mutation={add}
      inline
    >
      <NativeSelect
        label={t('planning.phoneBook.person')}
        value={personId}
        data={plan.people.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(e) => setPersonId(e.currentTarget.value)}
      />
      <NativeSelect
        label={t('planning.phoneBook.channel')}
        value={channel}
        data={CHANNELS.map((c) => ({ value: c, label: t(`outbox.channels.${c}`) }))}
        onChange={(e) => setChannel(e.currentTarget.value as (typeof CHANNELS)[number])}
      />
      <TextInput
        label={t('planning.phoneBook.address')}
        description={t(`planning.phoneBook.example.${channel}`)}
        required
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
      />
      <NativeSelect
        label={t('planning.phoneBook.language')}
        value={language}
        data={LANGUAGES.map((l) => ({ value: l, label: t(`notices.lang.${l}`) }))}
        onChange={(e) => setLanguage(e.currentTarget.value as (typeof LANGUAGES)[number])}
      />
    </SubmitForm>
  );
}
