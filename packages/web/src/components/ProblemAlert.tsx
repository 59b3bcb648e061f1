import { Alert } from 'antd';
import type { CSSProperties } from 'react';

/** What went wrong with an upload or an import: the server's message and, below it, one line per row or field it named. */
export interface Problem {
  title: string;
  lines: string[];
}

/** The error box of the upload/import pages: the title, then the named lines as a list. */
export function ProblemAlert({ problem, testId, style }: { problem: Problem | null; testId?: string; style?: CSSProperties }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={problem.title}
      data-testid={testId}
      description={
        problem.lines.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {problem.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}
