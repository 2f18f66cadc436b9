// Every text the app shows, in one place, so wording stays consistent across screens and can be reviewed by
// the city's staff without reading components. Functions build the texts that contain values.

import type { components } from '@/api/schema';

type UserRole = components['schemas']['UserRole'];
type MeasureKind = components['schemas']['MeasureKind'];
type ReportState = components['schemas']['ReportState'];
type PeriodState = components['schemas']['PeriodState'];
type PeriodKind = components['schemas']['PeriodKind'];
type ImplementationStatus = components['schemas']['ImplementationStatus'];
type FutureDirection = components['schemas']['FutureDirection'];
type PeriodTransition = 'open' | 'close' | 'reopen' | 'publish';
type NotificationKind = components['schemas']['NotificationKind'];

export const messages = {
  appName: '進行管理',
  skipToContent: '本文へ移動',
  loading: '読み込み中…',
  saving: '保存中…',
  required: '必須',
  cancel: 'キャンセル',
  save: '保存',
  edit: '編集',

  pagination: {
    label: 'ページ送り',
    page: (page: number, pages: number) => `${page} / ${pages} ページ`,
    previous: '前のページ',
    next: '次のページ',
  },

  errors: {
    network: 'サーバーに接続できませんでした。ネットワークを確認して、もう一度お試しください。',
    unexpected: '予期しないエラーが発生しました。時間をおいて、もう一度お試しください。',
    sessionExpired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    noPlan: '計画が登録されていません。事務局に確認してください。',
    alertTitle: 'エラー',
  },

  roles: {
    admin: '管理者（事務局）',
    editor: '編集者',
    viewer: '閲覧者',
  } satisfies Record<UserRole, string>,

  measureKinds: {
    basic: '基本施策',
    priority: '重点施策',
  } satisfies Record<MeasureKind, string>,

  reportStates: {
    draft: '下書き',
    submitted: '提出済',
    returned: '差戻し',
    approved: '承認済',
  } satisfies Record<ReportState, string>,

  periodStates: {
    preparing: '準備中',
    open: '受付中',
    closed: '締切',
    published: '公表',
  } satisfies Record<PeriodState, string>,

  periodKinds: {
    first_half: '上半期',
    full_year: '年間',
    custom: '任意の基準日',
  } satisfies Record<PeriodKind, string>,

  implementationStatuses: {
    not_started: '未着手',
    in_progress: '実施中',
    done: '実施済',
    planned: '予定',
  } satisfies Record<ImplementationStatus, string>,

  futureDirections: {
    expand: '拡充',
    continue: '継続',
    review: '見直し',
    reduce: '縮小',
    abolish: '廃止',
    complete: '完了',
  } satisfies Record<FutureDirection, string>,

  /** An evaluation grade as the scale names it: 「S 目標値以上」. */
  grade: (code: string, label: string) => `${code} ${label}`,
  notSet: '未選択',
  notEntered: '（未入力）',

  deadline: {
    left: (days: number) => `締切まであと${days}日`,
    today: '本日が締切です',
    passed: (days: number) => `締切を${days}日過ぎています`,
  },

  login: {
    title: 'ログイン',
    lead: '進行管理にログインします。ログインIDとパスワードは事務局から通知されたものを入力してください。',
    loginId: 'ログインID',
    password: 'パスワード',
    submit: 'ログイン',
    submitting: 'ログインしています…',
  },

  changePassword: {
    title: 'パスワードの変更',
    lead: '事務局が設定した仮のパスワードでログインしています。続けるには、新しいパスワードを設定してください。',
    current: '現在のパスワード',
    next: '新しいパスワード',
    nextHint: '10文字以上128文字以下',
    confirm: '新しいパスワード（確認）',
    mismatch: '新しいパスワードと確認用のパスワードが一致しません。',
    submit: 'パスワードを変更する',
  },

  shell: {
    navLabel: 'メインメニュー',
    adminNavLabel: '管理メニュー',
    userLabel: 'ログイン中の利用者',
    department: '担当課',
    role: '権限',
    logout: 'ログアウト',
    noDepartment: '担当課なし',
  },

  nav: {
    home: 'ホーム',
    table: '進行管理表',
    dashboard: 'ダッシュボード',
    review: '確認待ち',
    periods: '報告期間',
    imports: '取込',
    apiTokens: 'APIトークン',
    audit: '監査ログ',
    planEdit: '計画の編集',
    departments: '担当課',
    users: '利用者',
  },

  home: {
    title: 'ホーム',
    reportsOf: (department: string, period: string) => `${department}の報告（${period}）`,
    noDepartment: '担当課が設定されていないため、報告はありません。進行管理表から全体を閲覧できます。',
    latestPeriod: '受付中の報告期間はありません。直近の報告期間の内容を表示しています。',
    noPeriods: '報告期間はまだありません。',
    secretariat: '事務局の作業',
    reviewWaiting: (count: number) => `確認待ちの報告が${count}件あります`,
    reviewNone: '確認待ちの報告はありません',
    toReview: '確認待ちへ',
    toDashboard: 'ダッシュボードで提出状況を見る',
    toTable: '進行管理表を見る',
    departmentRows: (department: string) => `${department}が担当する事業`,
    allRows: 'すべての事業',
    rowCount: (count: number) => `${count}件`,
    empty: '担当する事業はありません。',
    related: '関連する事業',
    relatedLead: '同じ事業が他の施策にも掲載されています。報告はそれぞれの施策ごとに行います。',
    departments: '担当課',
    content: '内容',
  },

  table: {
    lead: '報告期間を選ぶと、その期間の取組進捗状況を計画の順に表示します。',
    implementationStatus: '実施状況',
    evaluation: '評価',
    state: '状態',
    compare: '比較する期間',
    noCompare: '比較しない',
    statusColumn: '実施状況・評価',
    statusLine: (value: string) => `実施状況：${value}`,
    evaluationLine: (value: string) => `評価：${value}`,
    directionLine: (value: string) => `今後の方向性：${value}`,
    changed: '変更あり',
    unchanged: '変更なし',
    changedCount: (count: number) => `前の期間から変更された事業は${count}件です。`,
    noPeriod: '報告期間がまだないため、進行管理表を表示できません。',
    exports: {
      title: '出力',
      buttons: { xlsx: 'Excelでダウンロード', csv: 'CSVでダウンロード', print: '印刷' },
      preparing: 'ファイルを用意しています…',
      downloaded: (name: string) => `「${name}」をダウンロードしました。`,
      printed: '印刷用の画面を開きました。',
    },
    filters: '絞り込み',
    department: '担当課',
    measure: '施策',
    all: 'すべて',
    departmentColumn: '担当課',
    contentColumn: '内容',
    rowCount: (count: number) => `${count}件の事業を表示しています。`,
    empty: '条件に合う事業はありません。',
  },

  departments: {
    title: '担当課',
    lead: '担当課の追加、名称の変更、利用の停止と再開を行います。利用を停止した担当課の履歴は残ります。',
    listCaption: '担当課の一覧',
    name: '担当課名',
    status: '状態',
    active: '利用中',
    inactive: '停止中',
    updatedAt: '更新日',
    actions: '操作',
    create: '担当課を追加',
    createSubmit: '追加する',
    created: (name: string) => `担当課「${name}」を追加しました。`,
    rename: (name: string) => `「${name}」の名称を変更`,
    renamed: (name: string) => `名称を「${name}」に変更しました。`,
    /** Read after a table button (「編集」) by screen readers, which hear the button without its row. */
    rowSuffix: (name: string) => `（${name}）`,
    deactivate: '利用を停止',
    activate: '利用を再開',
    deactivated: (name: string) => `「${name}」の利用を停止しました。`,
    activated: (name: string) => `「${name}」の利用を再開しました。`,
  },

  users: {
    title: '利用者',
    lead: '利用者の登録、権限と担当課の変更、利用の停止、パスワードの再発行を行います。',
    listCaption: '利用者の一覧',
    loginId: 'ログインID',
    loginIdHint: '半角英小文字・数字・「.」「_」「-」で2〜64文字',
    displayName: '氏名',
    department: '担当課',
    role: '権限',
    status: '状態',
    active: '利用中',
    inactive: '停止中',
    mustChangePassword: 'パスワード変更待ち',
    createdAt: '登録日',
    actions: '操作',
    create: '利用者を登録',
    createSubmit: '登録する',
    noDepartment: '（なし）',
    initialPassword: (loginId: string) =>
      `利用者「${loginId}」を登録しました。初期パスワードは次のとおりです。この画面を離れると二度と表示されません。本人に安全な方法で伝えてください。`,
    editTitle: (name: string) => `「${name}」の変更`,
    activeLabel: 'この利用者はログインできる',
    updated: (name: string) => `「${name}」を更新しました。`,
    /** Read after a table button (「編集」) by screen readers, which hear the button without its row. */
    rowSuffix: (name: string) => `（${name}）`,
    resetPassword: 'パスワードを再発行',
    resetConfirm: (name: string) =>
      `「${name}」のパスワードを再発行しますか。現在のパスワードは使えなくなり、ログイン中の端末からもログアウトされます。`,
    temporaryPassword: (name: string) =>
      `「${name}」の仮パスワードは次のとおりです。この画面を離れると二度と表示されません。本人に安全な方法で伝えてください。`,
  },

  planEdit: {
    title: '計画の編集',
    lead: '計画の名称と表題、各施策の見出し・説明・表の項目名、取組の方向、事業の名称と内容を変更します。',
    plan: '計画',
    municipality: '自治体名',
    planName: '計画名',
    tableTitle: '進行管理表の表題',
    measureTitle: '見出し',
    measureTableTitle: '表の中の施策名',
    measureTableTitleHint: '見出しと異なる場合だけ入力します。空欄のときは見出しを使います。',
    description: '説明',
    itemLabel: '第1列の項目名',
    directionTitle: (label: string) => `取組の方向 ${label}`,
    rowName: '取組項目',
    rowContent: '内容',
    saved: '保存しました。',
    editRow: (name: string) => `「${name}」を編集`,
  },

  periods: {
    title: '報告期間',
    lead: '報告期間の追加と、受付の開始・締切・再開・公表を行います。',
    select: '報告期間',
    listCaption: '報告期間の一覧',
    name: '報告期間',
    fiscalYear: '年度',
    fiscalYearOption: (wareki: string, year: number) => `${wareki}（${year}年度）`,
    kind: '種類',
    kindOption: {
      first_half: '上半期（9月末時点）',
      full_year: '年間（3月末時点）',
      custom: '任意の基準日',
    } satisfies Record<PeriodKind, string>,
    asOf: '基準日',
    opensOn: '受付開始日',
    deadline: '締切日',
    deadlineHint: '受付開始日以降の日付を入力します。',
    state: '状態',
    operations: '操作',
    empty: '報告期間はまだありません。',
    noActions: '（操作はありません）',
    none: '受付中の報告期間はありません。',
    create: '報告期間を追加',
    createSubmit: '追加する',
    created: (name: string) => `報告期間「${name}」を追加しました。受付を開始するまでは準備中です。`,
    actions: {
      open: '受付を開始',
      close: '締め切る',
      reopen: '受付を再開',
      publish: '公表する',
    } satisfies Record<PeriodTransition, string>,
    confirm: {
      open: (name: string) => `「${name}」の受付を開始しますか。各担当課が報告を入力・提出できるようになります。`,
      close: (name: string) => `「${name}」を締め切りますか。担当課は報告を入力・提出できなくなります。`,
      reopen: (name: string) => `「${name}」の受付を再開しますか。担当課が再び報告を入力・提出できるようになります。`,
      publish: (name: string) => `「${name}」を公表しますか。公表した報告期間は、報告も日程も変更できなくなります。`,
    } satisfies Record<PeriodTransition, (name: string) => string>,
    done: {
      open: (name: string) => `「${name}」の受付を開始しました。`,
      close: (name: string) => `「${name}」を締め切りました。`,
      reopen: (name: string) => `「${name}」の受付を再開しました。`,
      publish: (name: string) => `「${name}」を公表しました。`,
    } satisfies Record<PeriodTransition, (name: string) => string>,
  },

  departmentReports: {
    summary: '状態別の件数',
    late: '締切後に提出',
    updated: '最終保存',
    updatedBy: (name: string, at: string) => `${name}（${at}）`,
    write: '報告を書く',
    view: '報告を見る',
  },

  reportEditor: {
    title: '報告',
    back: 'ホームへ戻る',
    place: '施策',
    departments: '担当課',
    content: '内容',
    state: '状態',
    late: '締切後に提出',
    lastSaved: (name: string, at: string) => `最終保存：${name}（${at}）`,
    progress: '取組進捗状況',
    implementationStatus: '実施状況',
    evaluation: '評価',
    futureDirection: '今後の方向性',
    remarks: '備考',
    count: (count: number, max: number) =>
      `${count.toLocaleString('ja-JP')}文字（上限${max.toLocaleString('ja-JP')}文字）`,
    tooLong: (max: number) => `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
    previousTitle: (label: string) => `前期の内容（${label}・承認済）`,
    previousNone: '前期の内容',
    previousEmpty: '前期に承認された報告はありません。',
    copyPrevious: '前期の内容をコピー',
    copyConfirm: '入力中の取組進捗状況を、前期の内容で置き換えますか。',
    copied: '前期の取組進捗状況をコピーしました。今期の内容に合わせて修正してください。',
    noChange: '前期から変更なし',
    noChangeConfirm:
      '前期の取組進捗状況・実施状況・評価・今後の方向性を、そのまま今期の報告にしますか。備考は変わりません。',
    noChanged: '前期の内容をそのまま今期の報告にしました。',
    currentTitle: '今期の報告',
    mineTitle: '自分の内容（編集できます）',
    submit: '提出',
    submitConfirm: 'この内容で事務局に提出しますか。提出すると、事務局が確認するまで編集できません。',
    submitYes: '提出する',
    submitted: '提出しました。事務局の確認をお待ちください。',
    returnComment: '事務局からの差戻しコメント',
    restored: '前回保存されなかった入力を復元しました。このまま自動で保存します。',
    stranded: '保存されなかった入力があります（この報告は現在編集できません）',
    discardStranded: 'この入力を破棄',
    showPrevious: '前期の内容を表示',
    status: {
      dirty: '未保存の変更があります。入力を止めると自動で保存します。',
      saved: (time: string) => `保存しました ${time}`,
      failed: (reason: string) => `保存できませんでした。${reason}`,
      paused: '他の人が先に保存したため、自動保存を止めています。',
    },
    conflict: {
      title: '他の人が先にこの報告を保存しました',
      someone: '他の利用者',
      lead: (name: string, at: string) =>
        `${name}さんが${at}に保存した内容と、あなたの入力が両方あります。あなたの入力は消えていません。見比べて、残す内容を選んでください。自分の内容は、選ぶ前に編集することもできます。`,
      keepMine: '自分の内容で上書き保存',
      takeTheirs: '相手の内容を採用',
      takeTheirsConfirm: 'あなたの入力を破棄して、相手の内容を採用しますか。',
      theirsTitle: (name: string, at: string) => `相手の内容（${name}さん・${at}保存）`,
    },
    readOnly: {
      viewer: '閲覧者の権限では報告を編集できません。',
      notOwner: 'この事業の担当課ではないため、閲覧のみできます。',
      preparing: 'この報告期間はまだ受付を開始していません。',
      closed: 'この報告期間は締め切られたため、編集できません。変更が必要な場合は事務局に連絡してください。',
      published: 'この報告期間は公表済みのため、編集できません。',
      approved: 'この報告は承認済みのため、編集できません。',
      submitted: 'この報告は提出済みです。事務局の確認をお待ちください。',
    },
  },

  notifications: {
    title: '通知',
    lead: '差戻し・承認・締切・督促のお知らせです。',
    bellUnread: (count: number) => `通知（未読${count}件）`,
    unread: '未読',
    unreadCount: (count: number) => (count > 0 ? `未読の通知が${count}件あります。` : '未読の通知はありません。'),
    markRead: '既読にする',
    markAllRead: 'すべて既読にする',
    openReport: '報告を開く',
    empty: '通知はありません。',
    kinds: {
      report_returned: '差戻し',
      report_approved: '承認',
      deadline_near: '締切間近',
      reminder: '督促',
    } satisfies Record<NotificationKind, string>,
  },

  notFound: {
    title: 'ページが見つかりません',
    lead: 'お探しのページは存在しないか、移動しました。',
    back: 'ホームへ戻る',
  },
} as const;
