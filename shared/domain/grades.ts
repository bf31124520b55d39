// Alarm grades 一级 (lowest) … 五级 (XF/T 1340-2016), with the colours every board shows them in.
import { z } from 'zod';

export const GRADES = [1, 2, 3, 4, 5] as const;
export type Grade = (typeof GRADES)[number];
export const GradeSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const GRADE_INFO = {
  1: { zh: '一级', en: 'Level 1', colour: 'green', hex: '#2e9d46' },
  2: { zh: '二级', en: 'Level 2', colour: 'blue', hex: '#2f6fd6' },
  3: { zh: '三级', en: 'Level 3', colour: 'yellow', hex: '#e8c21c' },
  4: { zh: '四级', en: 'Level 4', colour: 'orange', hex: '#ee7b18' },
  5: { zh: '五级', en: 'Level 5', colour: 'red', hex: '#d42a2a' },
} as const satisfies Record<Grade, { zh: string; en: string; colour: string; hex: string }>;

export function isGrade(n: number): n is Grade {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}
