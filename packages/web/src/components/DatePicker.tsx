import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { DatePicker as AntDatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { pickerNow } from '../today';

/**
 * antd's DatePicker (with RangePicker etc.) whose "now" is the server's today: the highlighted
 * today cell, the Today button and the month an empty picker opens on follow the server's date
 * rules, not the browser's clock (antd's documented generatePicker for a custom date config).
 */
export const DatePicker = AntDatePicker.generatePicker<Dayjs>({ ...dayjsGenerateConfig, getNow: pickerNow });
