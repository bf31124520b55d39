// Refusals of an evacuation order (EVACUATE_AREA) and of its estimate, read back into both languages
// as the board and the report show them (shared/refusal-text.ts with shared/i18n/refusals.*.json).
import { describe, expect, it } from 'vitest';
import { commandName, refusalSentence } from '../../shared/refusal-text.ts';

describe('evacuation refusals in both languages', () => {
  it('a line to evacuate (the engine refuses it)', () => {
    const m = 'area: expected a circle or a polygon to evacuate (a line holds nobody)';
    expect(refusalSentence(m, 'invalid', 'en')).toBe('A line holds nobody: draw a circle or a polygon (3 corners at least) to evacuate.');
    expect(refusalSentence(m, 'invalid', 'zh')).toBe('线段内没有人员:请绘制圆形或多边形(至少 3 个顶点)作为疏散区域。');
  });

  it('an area the estimate cannot read (too few or too many corners)', () => {
    const m = 'invalid area: Too small: expected array to have >=3 items at area.ring';
    expect(refusalSentence(m, 'invalid', 'en')).toBe('The area to evacuate is not valid: it needs 3 to 500 corners inside the map.');
    expect(refusalSentence(m, 'invalid', 'zh')).toBe('疏散区域无效:须有 3 至 500 个顶点,且位于地图范围内。');
  });

  it('an observer may not order one, by the gateway or the engine', () => {
    expect(refusalSentence('an observer may not command EVACUATE_AREA', 'forbidden', 'en')).toBe('The observer may not do this (evacuate an area).');
    expect(refusalSentence('an observer may not order an evacuation', 'forbidden', 'en')).toBe('The observer may not do this (order an evacuation).');
    expect(refusalSentence('an observer may not command EVACUATE_AREA', 'forbidden', 'zh')).toBe('观察员无权执行此操作(区域疏散)。');
    expect(refusalSentence('an observer may not order an evacuation', 'forbidden', 'zh')).toContain('下令疏散');
    expect(commandName('EVACUATE_AREA', 'zh')).toBe('区域疏散');
    expect(commandName('EVACUATE_AREA', 'en')).toBe('evacuate an area');
  });
});
